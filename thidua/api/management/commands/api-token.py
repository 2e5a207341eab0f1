"""`thidua api-token USERNAME --label L`: issue a personal API token and print it, the only time it shows."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.api.services import issue_token
from thidua.awards.wording import vi_en

ACTOR = "thidua api-token"


class Command(BaseCommand):
    # Said when the command is loaded, after set-up: argparse takes only plain text as a description.
    help = gettext("Issue an API access token to a user; the token shows only once.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help=gettext("the user's login name"))
        parser.add_argument(
            "--label", required=True, help=gettext("what the token is for, for example 'provincial portal'")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username, label = options["username"], options["label"].strip()
        if not label:
            raise CommandError("{} / {}".format(*vi_en(_("--label must not be empty"))))
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            said = format_lazy(_("no active user '{username}'"), username=username)
            raise CommandError("{} / {}".format(*vi_en(said)))
        secret = issue_token(user, label=label, by=ACTOR)[1]
        # The token alone on stdout, so a script can capture it; the advice goes to stderr.
        self.stdout.write(secret)
        self.stderr.write(
            gettext(
                "The token shows only this once: keep it now. Send it with every request in the header "
                "'Authorization: Bearer <token>'."
            )
        )
