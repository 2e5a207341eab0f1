"""`thidua api-token USERNAME --label L`: issue a personal API token and print it, the only time it shows."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.api.services import issue_token

ACTOR = "thidua api-token"


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho một người dùng; mã chỉ hiện một lần."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="tên đăng nhập của người dùng")
        parser.add_argument("--label", required=True, help="mã dùng cho việc gì, ví dụ «cổng thông tin tỉnh»")

    def handle(self, *args: Any, **options: Any) -> None:
        username, label = options["username"], options["label"].strip()
        if not label:
            raise CommandError("--label không được để trống / --label must not be empty")
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(
                f"không có người dùng «{username}» đang hoạt động / no active user '{username}'"
            )
        _, secret = issue_token(user, label=label, by=ACTOR)
        # The token alone on stdout, so a script can capture it; the advice goes to stderr.
        self.stdout.write(secret)
        self.stderr.write(
            "Mã chỉ hiện lần này: lưu lại ngay. "
            "Gửi kèm mỗi yêu cầu trong tiêu đề «Authorization: Bearer <mã>»."
        )
