"""The demo's console email backend (lendingsite.mail): one line per email, each link on
its own line, the verification link marked so a newcomer finds it at once."""

from io import StringIO

from django.core.mail import EmailMultiAlternatives

from lendingsite.mail import ConsoleLinksBackend


def test_an_email_is_one_line_and_its_links_are_marked():
    stream = StringIO()
    message = EmailMultiAlternatives(
        "Confirm your email address for Lendingsite",
        "Hello,\n\nOpen this link:\n\nhttp://127.0.0.1:8000/verify-email/abc.def/\n\n"
        "Or read our terms at https://lendingsite.example/terms.\n",
        to=["asha@example.in"],
    )
    message.attach_alternative(
        '<a href="http://127.0.0.1:8000/verify-email/abc.def/">', "text/html"
    )

    assert ConsoleLinksBackend(stream=stream).send_messages([message]) == 1

    assert stream.getvalue().splitlines() == [
        "EMAIL to asha@example.in: Confirm your email address for Lendingsite",
        "VERIFY EMAIL → http://127.0.0.1:8000/verify-email/abc.def/",
        "link → https://lendingsite.example/terms",
    ]


def test_a_password_reset_link_is_named_too():
    stream = StringIO()
    message = EmailMultiAlternatives(
        "Reset", "http://localhost:8000/password-reset/t0k3n/", to=["a@example.in"]
    )

    ConsoleLinksBackend(stream=stream).send_messages([message])

    assert "RESET PASSWORD → http://localhost:8000/password-reset/t0k3n/" in stream.getvalue()
