"""The migration history of the apps whose models moved into the year's home (thidua.emulation) and the
board's (thidua.registry): review, meeting, scoring and pact. Their tables stay where they were (each moved
model names its table in Meta.db_table); these apps hold no code, only the migrations that created those
tables and the last one that hands the models over. Databases created before the move upgrade through them.
"""
