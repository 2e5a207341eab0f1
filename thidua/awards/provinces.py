"""Province names as case files and organizers write them: data compared with what a file or an organizer
says (a province's own rules of the catalogue apply where the names match), not interface text."""

BAC_NINH = "Bắc Ninh"
