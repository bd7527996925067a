"""Whose document is it: what a signed document says about its signer, against the certificate.

A signature proves only which certificate signed the bytes. A scorecard also names
its interviewer, and a packet its merger; those names speak for the signer only if
they are the certificate's own. The rule, the same for export, verify and merge:

- Names agree when they are equal after Unicode NFC normalisation (not case-folded:
  a name is written as its owner writes it). A certificate holds at most 64 bytes of
  a name, cut at a character boundary when the identity was made; a longer name
  agrees when its first 64 bytes are the certificate's name.
- Emails agree when they are equal after NFC normalisation, trimming and case
  folding. A certificate's email is its subject's emailAddress, or, when the subject
  has none, the rfc822Name entries of its subjectAltName (certificates made by
  `scorer identity create` carry the same address in both). A certificate without
  an email speaks for no email: a document naming one does not agree with it, and
  only a document naming no email at all does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

CN_MAX_BYTES = 64


@dataclass(frozen=True, slots=True)
class Certified:
    """Who a certificate says its holder is."""

    name: str
    emails: tuple[str, ...]
    fingerprint: str

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    def label(self) -> str:
        """`Name <email>`, as a certificate names its holder."""
        return person_label(self.name, self.email)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_email(email: str) -> str:
    return nfc(email).strip().casefold()


def cut_name(name: str) -> str:
    """The part of `name` a certificate's common name can hold (64 bytes of UTF-8)."""
    return name.encode("utf-8")[:CN_MAX_BYTES].decode("utf-8", "ignore")


def certified_emails(subject: Sequence[str], alternative: Sequence[str]) -> tuple[str, ...]:
    """The emails a certificate speaks for: its subject's, else its subjectAltName's."""
    chosen = [e for e in subject if e.strip()] or [e for e in alternative if e.strip()]
    return tuple(dict.fromkeys(chosen))


def names_agree(claimed: str, certified: str) -> bool:
    claimed, certified = nfc(claimed), nfc(certified)
    if claimed == certified:
        return True
    return len(claimed.encode("utf-8")) > CN_MAX_BYTES and cut_name(claimed) == certified


def emails_agree(claimed: str, certified: Sequence[str]) -> bool:
    if not certified:
        return not claimed.strip()
    return fold_email(claimed) in {fold_email(e) for e in certified}


def disagreement(name: str, email: str, certificate: Certified) -> str | None:
    """None when `name` and `email` are the certificate's; else what differs, as a phrase."""
    name_ok = names_agree(name, certificate.name)
    email_ok = emails_agree(email, certificate.emails)
    if name_ok and email_ok:
        return None
    if not certificate.emails and not email_ok:
        return "its certificate carries no email address"
    if name_ok:
        return "the emails differ"
    return "the names differ" if email_ok else "the names and emails differ"


def person_label(name: str, email: str) -> str:
    return f"{name} <{email}>" if email else name


def short_fingerprint(fingerprint: str) -> str:
    """The form a person reads: the first 16 hex digits."""
    return f"{fingerprint[:16]}…"
