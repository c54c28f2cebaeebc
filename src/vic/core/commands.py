"""What every `vic` command shares: Vietnamese help and errors (argparse and Django speak English), exit
code 2 on a refusal, and no English "CommandError:" before the message."""

from __future__ import annotations

import argparse
import errno
import re
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter
from django.utils.translation import gettext as _

# argparse's own messages, as Python 3.11–3.13 word them.
_MESSAGES = [
    (r"the following arguments are required: (.+)", "thiếu tham số bắt buộc: {0}"),
    (r"unrecognized arguments: (.+)", "tham số không dùng được: {0}"),
    (
        r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
        "tham số {0}: giá trị {1} không hợp lệ (chọn: {2})",
    ),
    (r"argument (\S+): invalid \w+ value: (.+)", "tham số {0}: giá trị {1} không hợp lệ"),
    (r"argument (\S+): expected one argument", "tham số {0} cần một giá trị"),
    (r"argument (\S+): not allowed with argument (\S+)", "tham số {0} không dùng cùng {1}"),
    (r"one of the arguments (.+) is required", "cần một trong các tham số: {0}"),
    (r"argument (\S+): (.+)", "tham số {0}: {1}"),  # an ArgumentTypeError's own (Vietnamese) words
]


def vietnamese(message: str) -> str:
    for pattern, text in _MESSAGES:
        if found := re.fullmatch(pattern, message.strip()):
            return _(text).format(*found.groups())
    return message


def int_between(low: int, high: int):
    """An argparse type: a whole number from `low` to `high` (a port, a count), refused in Vietnamese."""

    def whole_number(text) -> int:
        try:
            value = int(text)
        except (TypeError, ValueError):
            raise argparse.ArgumentTypeError(_("“%(text)s” không phải số nguyên") % {"text": text}) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("phải từ %(low)d đến %(high)d (đã nhập %(value)d)")
                % {"low": low, "high": high, "value": value}
            )
        return value

    return whole_number


# The options Django gives every command.
_DEFAULT_HELP = {
    "help": "in hướng dẫn này rồi thoát",
    "version": "in phiên bản Django rồi thoát",
    "verbosity": "mức chi tiết: 0 ít nhất, 1 bình thường, 2 chi tiết, 3 rất chi tiết",
    "settings": "mô-đun cấu hình Python (mặc định vic.settings)",
    "pythonpath": "thêm thư mục vào đường dẫn tìm mô-đun Python",
    "traceback": "in toàn bộ dấu vết lỗi khi có lỗi (dành cho lập trình viên)",
    "no_color": "không tô màu kết quả",
    "force_color": "luôn tô màu kết quả",
    "skip_checks": "bỏ qua bước kiểm tra hệ thống",
}


class VietnameseHelp(DjangoHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else _("Cách dùng: "))


class VicParser(CommandParser):
    def error(self, message):
        message = vietnamese(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, _("%(prog)s: lỗi: %(message)s\n") % {"prog": self.prog, "message": message})
        raise CommandError(message, returncode=2)


def _localise(parser: argparse.ArgumentParser) -> None:
    """Vietnamese messages, titles and help for a parser and its sub-commands' parsers (`vic calendar
    add-working-days`), which argparse built as CommandParsers before this swap."""
    parser.__class__ = VicParser  # Django builds a CommandParser; ours differs only in its messages
    parser.formatter_class = VietnameseHelp
    parser._positionals.title = _("tham số")
    parser._optionals.title = _("tùy chọn")
    for action in parser._actions:
        if action.dest in _DEFAULT_HELP:
            action.help = _(_DEFAULT_HELP[action.dest])
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _localise(sub)


class VicCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", VietnameseHelp)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _localise(parser)
        return parser

    def execute(self, *args, **options):
        """On the command line, errors in Vietnamese alone (no English "CommandError:" prefix), exit code 2."""
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if options.get("traceback") or not getattr(self, "_called_from_command_line", False):
                raise
            self.stderr.write(str(error))
            raise SystemExit(error.returncode) from None


def os_reason(error: OSError) -> str:
    """Why the system refused a file, in Vietnamese (its own strerror is English)."""
    return {
        errno.ENOENT: _("thư mục không tồn tại"),
        errno.ENOTDIR: _("một phần của đường dẫn là tệp, không phải thư mục"),
        errno.EEXIST: _("đã có tệp trùng tên"),
        errno.EACCES: _("không có quyền ghi"),
        errno.EPERM: _("không có quyền ghi"),
        errno.EROFS: _("ổ đĩa chỉ đọc"),
        errno.ENOSPC: _("hết chỗ trên ổ đĩa"),
        errno.EISDIR: _("đó là một thư mục"),
    }.get(error.errno, _("lỗi hệ thống số %(n)s") % {"n": error.errno})
