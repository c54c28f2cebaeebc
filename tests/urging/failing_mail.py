"""An e-mail back-end whose server is down: every send raises, as smtplib does."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")
