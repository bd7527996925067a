"""Names and phrases for the sample data: international, some with non-ASCII letters."""

from __future__ import annotations

import unicodedata

FIRST_NAMES = (
    "Ada", "Łukasz", "Søren", "Zoë", "José", "Ngozi", "Aiko", "Mehmet", "Priya", "Chidi",
    "Inês", "Mateus", "Yusuf", "Hana", "Björn", "Ama", "Raúl", "Anaïs", "Dmitri", "Leilani",
    "Tomás", "Siobhán", "Kwame", "Mei", "Arjun", "Fatima", "Oskar", "Chloé", "Emeka", "Nadia",
    "Jürgen", "Ingrid", "Rahul", "Sakura", "Thiago", "Amara", "Václav", "Elif", "Kenji",
    "Zainab", "Mikael", "Noémie", "Farid", "Olga", "Pedro", "Yasmin", "Cătălina", "Dương",
    "Hyun-woo", "Aleksandra",
)
LAST_NAMES = (
    "Øster-Müller", "Nakamura", "Okafor", "García", "Kowalski", "Nguyễn", "Haddad", "Lindqvist",
    "Mensah", "Fernández", "Petrov", "Kaur", "Dubois", "Schäfer", "O'Brien", "Çelik",
    "Andersson", "Rossi", "Tanaka", "Novák", "Sørensen", "Silva", "Kim", "Hoffmann",
    "Papadopoulos", "Ahmed", "Jansen", "Moreau", "Wiśniewska", "Bianchi", "Chen", "Adeyemi",
    "Kovačević", "Ferreira", "Virtanen", "Yılmaz", "Gallagher", "Horvat", "Satō", "Rahman",
    "Bergström", "Costa", "Dvořák", "Nowak", "Eriksen", "Vásquez", "Zhou", "Ólafsdóttir",
    "Băsescu-Ionescu", "MacLeòid",
)

# One sample interviewer per interview kind, by rubric id; unknown kinds take the spares.
INTERVIEWERS = {
    "coding": ("Yara Lindholm", "yara.lindholm@example.com"),
    "model-parallel": ("Gideon Mwangi", "gideon.mwangi@example.com"),
    "math": ("Samira Qureshi", "samira.qureshi@example.com"),
    "optimisation": ("Ajay Fenwick", "ajay.fenwick@example.com"),
}
SPARE_INTERVIEWERS = (
    ("Marta Żółkiewska", "marta.zolkiewska@example.com"),
    ("Tobias Ng", "tobias.ng@example.com"),
    ("Ifeoma Chukwu", "ifeoma.chukwu@example.com"),
    ("Henrik Åberg", "henrik.aberg@example.com"),
)

# Evidence phrases by band: 0 low, 1 middle, 2 high.
EVIDENCE = (
    (
        "Needed several hints to get started and did not finish.",
        "Could not explain the trade-offs when asked directly.",
        "Reached for the wrong tool and did not notice until prompted.",
        "Answer stayed at the level of buzzwords; no working detail.",
    ),
    (
        "Got there with one hint; the reasoning was sound once on track.",
        "Covered the main case; edge cases only when prompted.",
        "Correct in outline, with small slips they corrected themselves.",
        "Explained the approach clearly but ran short of time on the details.",
    ),
    (
        "Went beyond the question unprompted and justified each step.",
        "Clean, correct and fast; discussed costs without being asked.",
        "Spotted the subtle case before we raised it.",
        "Explained it well enough to teach it; no hints needed.",
    ),
)

NOTES = {
    "practical": (
        "Shared screen; IDE attached to the instance without trouble.",
        "Asked clarifying questions before writing any code.",
        "Ran the code early and often; read the traceback carefully.",
        "Looked up a standard-library signature; used it correctly.",
        "Refactored into a small class once the first version ran.",
        "Hit a deadlock; found it with the debugger after a few minutes.",
        "Talked through the complexity of the main loop.",
        "Wrote a quick test for the edge case.",
    ),
    "theory": (
        "Wrote the set-up on the shared notepad before deriving.",
        "Stated the assumptions explicitly.",
        "Lost a sign in the derivation; found it when checking dimensions.",
        "Connected the result to the optimisation view unprompted.",
        "Needed the definition recalled, then derived the rest alone.",
        "Gave a clear intuition before the algebra.",
        "Checked the answer on a one-dimensional example.",
        "Explained where the estimator is biased and why.",
    ),
}

ADHOC = (
    "How would you test this?",
    "What changes with ten times the data?",
    "Where would this break on a GPU cluster?",
    "What would you log in production?",
    "How would you explain this to a new hire?",
)

CLOSING = (
    "Would be comfortable working alongside them.",
    "Evidence is consistent across the questions.",
    "A second opinion on the weakest area would help the panel.",
    "Communication was clear throughout.",
)

_FOLD = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i", "œ": "oe"})


def email_for(name: str, taken: set[str], domain: str = "example.org") -> str:
    """`Łukasz Øster-Müller` -> `lukasz.oster-muller@example.org`, unique within `taken`."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    ascii_name = "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch in " -"))
    local = ".".join(ascii_name.split()) or "candidate"
    email, counter = f"{local}@{domain}", 1
    while email in taken:
        counter += 1
        email = f"{local}{counter}@{domain}"
    taken.add(email)
    return email
