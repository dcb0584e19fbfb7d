"""Numbers that count something: attacks, areas, killed, wounded, arrests, change in attacks.

A figure is a number tied to what it counts: the noun after it ("16 هجومًا",
"38 operations"), the word before it ("مقتل 63", "killed 15"), or a list that
carries the noun of the figure before it ("Iraq (162)", "4 في محافظة دير الزور",
"from 50 attacks last week to 28"). Numbers tied to nothing are dropped: dates,
issue numbers, ages, money, tonnes and percentages of anything but attacks.
Places and periods are settled afterwards (extract.placement, extract.statistics).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claimwatch.extract import vocabulary as vocab
from claimwatch.extract.anchors import Anchored, register_keywords
from claimwatch.extract.document import Document
from claimwatch.extract.numbers import NumberMention, strip_conjunction
from claimwatch.extract.periods import MONTH_WORDS

INHERIT = "inherit"
register_keywords(vocab.INCLUDING)
_EVENT_PREPOSITIONS = vocab.words("in during at of on from with by في خلال")
_AUXILIARIES = vocab.words("were was have has been had where are is confirmed reportedly also all")
_ZERO_PATTERN = re.compile(
    r"(?:فشل|عجز)(?:ت)? (?:في )?(?:شن|تنفيذ) (?:اي )?(?:هجمات|هجوم|عمليات|عمليه)(?: جديده)?"
    r"|لم (?:ينفذ|يشن|يتبن|يعلن|تشهد|يشهد|يسجل|تسجل) (?:\w+ )?(?:عن )?اي (?:هجوم|هجمات|عمليه|عمليات)"
    r"|\b(?:failed|did not manage|was unable|were unable) to (?:launch|carry out|conduct|claim|mount) any "
    r"(?:new )?(?:attacks?|operations?)"
    r"|\bdid not (?:claim|carry out|launch|conduct) any (?:attacks?|operations?)"
    r"|\b(?:no|zero) (?:new )?(?:attacks|operations) (?:were )?(?:claimed|recorded|reported|carried out)"
)
_ZERO = Anchored(_ZERO_PATTERN, (
    "فشل", "فشلت", "عجز", "عجزت", "ينفذ", "يشن", "يتبن", "يعلن", "تشهد", "يشهد", "يسجل", "تسجل",
    "failed", "unable", "did", "zero", "no",
), reach=50)


@dataclass
class Candidate:
    """A number read as a figure, before its place and period are settled."""

    metric: str  # a metric, or INHERIT for list items that take the figure before them
    value: float
    first: int  # evidence token range, inclusive
    last: int
    number: int  # token index of the number itself
    bare: str = ""  # how an INHERIT item is tied: paren, locative, them, to
    sequence: str = ""  # "from" or "to" in "from 50 attacks … to 28": the earlier and the later week
    strength: int = 0  # how directly the place is stated: 3 explicit, 2 nearby, 1 the article's
    regions: tuple[str, ...] = ()
    period: str = ""
    verb_after: bool = False  # "three troops were killed": a figure stated on its own


def read_candidates(doc: Document) -> list[Candidate]:
    """Every number that counts something, plus "failed to launch any attack" zeros, in text order."""
    found = [c for c in (_read(doc, mention) for mention in doc.numbers) if c is not None]
    found.extend(_zero_statements(doc))
    found.sort(key=lambda c: c.number)
    _inherit_metrics(doc, found)
    positions = [c.number for c in found]
    cues = sorted(doc.seg.token_at(start)  # "including", "بينهم": where breakdowns start
                  for word in vocab.INCLUDING for start, _ in doc.words.spans.get(word, ()))
    return [c for c in found if c.metric != INHERIT and not _is_subset(doc, c, found, positions, cues)]


def _read(doc: Document, mention: NumberMention) -> Candidate | None:
    if _is_date_or_label(doc, mention):
        return None
    if _is_percent(doc, mention.last + 1):
        return _change(doc, mention)
    if mention.dual_noun is not None:
        metric = _noun_metric(doc, mention.dual_noun, mention.last)
        return _candidate(doc, mention, metric, mention.first, mention.last) if metric else None
    right = _right_metric(doc, mention)
    left = _left_metric(doc, mention)
    told_by_verb = right is not None and doc.word(right[1]) in vocab.KILLED_AFTER | vocab.WOUNDED_AFTER
    if right and right[0] != "people" and not (left and told_by_verb):  # "killed 15 soldiers": left wins
        metric, last = right
        if metric == "attacks" and _against_the_group(doc, last):
            return None
        first = left[1] if left and left[0] == metric else mention.first
        stated_by_verb = doc.word(last) in vocab.KILLED_AFTER | vocab.WOUNDED_AFTER
        return _candidate(doc, mention, metric, first, last, verb_after=stated_by_verb)
    if left and not _names_militants(doc, mention) and not (right is None and _looks_like_year(doc, mention)):
        last = right[1] if right else mention.last
        return _candidate(doc, mention, left[0], left[1], last)
    if mention.value == 1 and mention.is_word and doc.word(mention.first - 1) in vocab.ATTACK_NOUN_SINGULAR:
        if strip_conjunction(doc.word(mention.first - 2)) in _EVENT_PREPOSITIONS:
            return None  # "وفي عملية واحدة": one event told, not a count
        return _candidate(doc, mention, "attacks", mention.first - 1, mention.last)
    if _changed_from(doc, mention.first):
        return Candidate("attacks", mention.value, mention.first - 1, mention.last, mention.first)
    return _bare(doc, mention)


def _against_the_group(doc: Document, noun: int) -> bool:
    """"1,200 operations against the group", "عمليات ضد التنظيم": counter-terrorism, not its attacks."""
    if doc.word(noun + 1) not in ("against", "ضد"):
        return False
    return any(doc.word(i) in vocab.THE_GROUP for i in range(noun + 2, noun + 5))


def _changed_from(doc: Document, index: int) -> bool:
    """"Attacks fell from 40 …": the attacks named before the change verb are what 40 counts."""
    if doc.word(index - 1) not in ("from", "من"):
        return False
    verbs = vocab.CHANGE_FALL | vocab.CHANGE_RISE
    return any(strip_conjunction(doc.word(i)) in verbs for i in range(index - 4, index - 1)) and (
        _attacks_named_near(doc, index - 1)
    )


def _candidate(doc: Document, mention: NumberMention, metric: str, first: int, last: int,
               verb_after: bool = False) -> Candidate | None:
    if metric == "regions" and not _attack_context(doc, mention.first):
        return None
    if mention.value == 1 and mention.is_word and doc.word(mention.first - 1) in _EVENT_PREPOSITIONS:
        return None  # "in one attack, fighters…": one event told, not a count
    return Candidate(metric, mention.value, min(first, mention.first), max(last, mention.last), mention.first,
                     verb_after=verb_after)


def _is_date_or_label(doc: Document, mention: NumberMention) -> bool:
    """Dates, years, issue numbers, signed differences: numbers that count nothing."""
    before, after = doc.word(mention.first - 1), doc.word(mention.last + 1)
    if before in MONTH_WORDS or after in MONTH_WORDS or after == "م":
        return True
    if before in vocab.ISSUE_WORDS or (doc.word(mention.first - 2) in vocab.ISSUE_WORDS and before == ""):
        return True
    if after in vocab.NON_COUNT_UNITS or before in vocab.LABEL_WORDS:
        return True
    if doc.text(mention.last + 1) == "-" and doc.word(mention.last + 2) in vocab.NON_COUNT_UNITS:
        return True  # "a 25-year-old"
    sign = doc.text(mention.first - 1)
    return sign in ("-", "+") and doc.text(mention.first - 2) in (":", "(", "\n", "")


def _is_percent(doc: Document, index: int) -> bool:
    word = doc.text(index)
    if word in vocab.PERCENT_WORDS:
        return True
    return word == "في" and doc.word(index + 1) in ("المايه", "الميه")


def _change(doc: Document, mention: NumberMention) -> Candidate | None:
    """"تراجعت بمعدل 30.5 %", "a 30% drop in attacks": only a change in attacks is a statistic."""
    clause_start, clause_end = doc.seg.clause_range(mention.first)
    sign = 0
    first = mention.first
    for index in range(mention.first - 1, max(clause_start, mention.first - 7) - 1, -1):
        word = strip_conjunction(doc.word(index))
        if word in vocab.CHANGE_FALL or word in vocab.CHANGE_RISE:
            sign, first = (-1 if word in vocab.CHANGE_FALL else 1), index
            break
    last = mention.last + 1
    if not sign:
        for index in range(mention.last + 1, min(clause_end, mention.last + 4)):
            word = doc.word(index)
            if word in vocab.CHANGE_FALL or word in vocab.CHANGE_RISE:
                sign, last = (-1 if word in vocab.CHANGE_FALL else 1), index
                break
    if not sign or not _attacks_named_near(doc, mention.first):
        return None
    return Candidate("change_pct", sign * mention.value, first, last, mention.first)


def _attacks_named_near(doc: Document, index: int) -> bool:
    _, end = doc.seg.sentence_range(index)
    return any(_bare_noun(doc.word(i)) in vocab.ATTACK_NOUNS or doc.word(i) in vocab.ATTACK_NOUNS
               for i in range(doc.window_start(index), min(end, index + 6)))


def _attack_context(doc: Document, index: int) -> bool:
    """"16 هجومًا في 6 مناطق": a count of areas only means something next to attacks."""
    start, _ = doc.seg.sentence_range(index)
    return any(_noun_metric(doc, _bare_noun(doc.word(i)), i) == "attacks"
               for i in range(max(start, index - 12), index))


def _bare_noun(word: str) -> str:
    """"والهجمات" → "هجمات": the noun without conjunction, preposition and article."""
    word = strip_conjunction(word)
    for prefix in ("بال", "لل", "ال", "ل", "ب"):
        if word.startswith(prefix) and len(word) - len(prefix) > 2:
            return word[len(prefix):]
    return word


def _noun_metric(doc: Document, word: str, index: int) -> str | None:
    """What a noun after a number counts; killed nouns followed by "and wounded" count both."""
    if word in vocab.ATTACK_NOUNS:
        return "attacks"
    if word in vocab.AREA_NOUNS:
        return "regions"
    if word in vocab.EITHER_NOUNS:
        return "killed_or_wounded"
    if word in vocab.KILLED_NOUNS:
        return "killed_or_wounded" if _wounded_follows(doc, index) else "killed"
    if word in vocab.WOUNDED_NOUNS:
        return "wounded"
    if word in vocab.ARREST_NOUNS:
        return "arrested"
    if word in vocab.PEOPLE:
        return "people"
    if word in vocab.MILITANTS:
        return "militants"
    return None


def _wounded_follows(doc: Document, index: int) -> bool:
    """"قتيلا وجريحا", "killed or wounded", "dead or injured"."""
    following = doc.word(index + 1)
    if following in vocab.EITHER_JOINERS:
        return doc.word(index + 2) in vocab.WOUNDED_NOUNS or doc.word(index + 2) in vocab.WOUNDED_AFTER
    return following[:1] == "و" and following[1:] in vocab.WOUNDED_NOUNS


def _right_metric(doc: Document, mention: NumberMention) -> tuple[str, int] | None:
    """The noun after the number, past a closing bracket and up to two adjectives (English)."""
    index = mention.last + 1
    if doc.text(index) == ")" and doc.text(mention.first - 1) == "(":
        index += 1
    word = doc.word(index)
    if word in ("ما", "بين") and doc.word(index + 1) in vocab.KILLED_NOUNS | {"بين"}:
        index += 2 if word == "ما" else 1
        word = doc.word(index)
    metric = _noun_metric(doc, word, index)
    if metric is None and word in vocab.KILLED_AFTER:  # "15 killed", "15 killed or wounded"
        either = doc.word(index + 1) in vocab.EITHER_JOINERS and doc.word(index + 2) in vocab.WOUNDED_AFTER
        return ("killed_or_wounded", index + 2) if either else ("killed", index)
    if metric is None and word.isascii():
        metric, index = _english_noun(doc, index)
    if metric == "people":
        if doc.word(index + 1) in ("من", "of") and doc.word(index + 2) in vocab.THE_GROUP:
            return None  # "14 عنصرا من داعش": the group's own men
        return _casualty_after(doc, index) or ("people", index)
    if metric == "militants":
        return None
    if metric == "killed_or_wounded" and doc.word(index) in vocab.KILLED_NOUNS:
        joined = doc.word(index + 1)[:1] == "و" and doc.word(index + 1) not in vocab.EITHER_JOINERS
        index += 1 if joined else 2  # "قتيلا وجريحا" or "killed or wounded": the quote ends on the second
    return (metric, index) if metric else None


def _english_noun(doc: Document, index: int) -> tuple[str | None, int]:
    """"2767 military operations", "15 Nigeria soldiers", "58 of the terrorist group's operations"."""
    reach = 7 if doc.word(index) == "of" else 3
    for step in range(index, index + reach):
        if doc.text(step) in ("'", "-"):
            continue
        word = doc.word(step)
        if not word or word in vocab.EITHER_JOINERS or (word in vocab.LOCATIVE and word != "of"):
            return None, index
        metric = _noun_metric(doc, word, step)
        if metric:
            return metric, step
    return None, index


def _casualty_after(doc: Document, index: int) -> tuple[str, int] | None:
    """"170 Afghan civilians have been killed", "63 شخصا لقوا حتفهم", "eight persons, including three…"."""
    _, sentence_end = doc.seg.sentence_range(index)
    for step in range(index + 1, min(sentence_end, index + 8)):
        word = doc.word(step)
        if (word in vocab.KILLED_AFTER or word in vocab.WOUNDED_AFTER) and _number_follows(doc, step):
            return None  # "killed 15 soldiers and wounded 20": the verb belongs to the next figure
        if word in vocab.KILLED_AFTER:
            either = doc.word(step + 1) in vocab.EITHER_JOINERS and doc.word(step + 2) in vocab.WOUNDED_AFTER
            return ("killed_or_wounded", step + 2) if either else ("killed", step)
        if word in vocab.WOUNDED_AFTER:
            return "wounded", step
        if doc.seg.tokens[step].kind == "n" and doc.word(step - 1) not in vocab.INCLUDING:
            return None
    return None


def _names_militants(doc: Document, mention: NumberMention) -> bool:
    """"killed 310 militants", "مقتل 14 عنصرا من داعش": the attackers' own losses, not a toll."""
    for index in range(mention.last + 1, mention.last + 4):
        word = doc.word(index)
        if word in vocab.MILITANTS or (word in ("من", "of") and doc.word(index + 1) in vocab.THE_GROUP):
            return True
    return False


def _looks_like_year(doc: Document, mention: NumberMention) -> bool:
    """"killed … 2019": a year written without separators, not a toll."""
    text = doc.seg.tokens[mention.first].text
    return not mention.is_word and len(text) == 4 and text[:2] in ("19", "20")


def _number_follows(doc: Document, index: int) -> bool:
    step = index + 1
    while doc.word(step) in vocab.QUALIFIERS:
        step += 1
    return step < len(doc.seg.tokens) and doc.seg.tokens[step].kind == "n"


def _left_metric(doc: Document, mention: NumberMention) -> tuple[str, int] | None:
    """The cue before the number: "مقتل وإصابة 9555", "killed about 15", "arrested 12"."""
    clause_start, _ = doc.seg.clause_range(mention.first)
    index = mention.first - 1
    while index >= clause_start and index > mention.first - 5 and (
        doc.word(index) in vocab.QUALIFIERS or doc.word(index) == "of"
    ):
        index -= 1
    word = strip_conjunction(doc.word(index))
    if word in vocab.WOUNDED_BEFORE:
        earlier = doc.word(index - 1)
        if doc.word(index)[:1] == "و" and earlier in vocab.KILLED_BEFORE:
            return "killed_or_wounded", index - 1
        if earlier in vocab.EITHER_JOINERS and doc.word(index - 2) in vocab.KILLED_BEFORE:
            return "killed_or_wounded", index - 2
        return "wounded", index
    if word in vocab.KILLED_BEFORE:
        if any(doc.word(i) in vocab.SECURITY_FORCES for i in range(max(0, index - 3), index)):
            return None  # "troops killed 30 fighters": the group's losses, not its attack's toll
        return "killed", index
    if word in vocab.ARREST_BEFORE:
        return "arrested", index
    if word == "علي" and doc.word(index - 1) == "القبض":
        return "arrested", index - 1
    return None


def _bare(doc: Document, mention: NumberMention) -> Candidate | None:
    """List items that take the figure before them: "Iraq (162)", "4 في محافظة دير الزور", "103 of them"."""
    if mention.value >= 1900 and mention.value <= 2100 and not mention.is_word:
        return None
    after = doc.word(mention.last + 1)
    if doc.text(mention.first - 1) == "(" and doc.text(mention.last + 1) == ")":
        kind = "paren" if _place_ending_at(doc, mention.first - 2) else ""
    elif after in vocab.LOCATIVE or after in vocab.THEM or (after == "of" and doc.word(mention.last + 2) in (
        "them", "which"
    )):
        kind = "locative" if after in vocab.LOCATIVE else "them"
    elif doc.word(mention.first - 1) == "remaining":
        kind = "them"
    elif doc.word(mention.first - 1) in ("الي", "to"):
        kind = "to"
    elif _compared_before(doc, mention.first):
        kind = "them"  # "… مقابل 23 في الأسبوع السابق", "down from 41 the week before"
    else:
        kind = ""
    if not kind:
        return None
    return Candidate(INHERIT, mention.value, mention.first, mention.last, mention.first, bare=kind)


def _compared_before(doc: Document, index: int) -> bool:
    before = strip_conjunction(doc.word(index - 1))
    if before in ("مقابل", "against", "versus"):
        return True
    return before in ("from", "with", "to") and doc.word(index - 2) in ("down", "up", "compared")


def _place_ending_at(doc: Document, index: int) -> bool:
    return doc.place_ending(index) is not None


def _zero_statements(doc: Document) -> list[Candidate]:
    """"فشل في شن هجمات جديدة", "failed to launch any attack": zero attacks."""
    found = []
    for match in _ZERO.finditer(doc.norm.text, doc.words):
        first = doc.seg.token_at(match.start())
        last = max(first, doc.seg.token_at(match.end() - 1))
        found.append(Candidate("attacks", 0, first, last, first, verb_after=True))
    return found


def _inherit_metrics(doc: Document, found: list[Candidate]) -> None:
    """Give list items the metric of the figure they continue; "from 50 attacks … to 28" too."""
    for position, candidate in enumerate(found):
        if candidate.metric != INHERIT:
            continue
        sentence = doc.seg.sentence_of[candidate.number]
        for back in range(position - 1, -1, -1):
            earlier = found[back]
            if doc.seg.sentence_of[earlier.number] < sentence - 2:
                break
            if earlier.metric in (INHERIT, "regions", "change_pct"):
                continue
            if candidate.bare == "to" and not _from_before(doc, earlier):
                break
            candidate.metric = earlier.metric
            if candidate.bare == "to":
                earlier.sequence, candidate.sequence = "from", "to"
            break


def _from_before(doc: Document, candidate: Candidate) -> bool:
    return doc.word(candidate.number - 1) in ("من", "from")


def _is_subset(doc: Document, candidate: Candidate, found: list[Candidate], positions: list[int],
               cues: list[int]) -> bool:
    """Breakdowns of a figure already given: "included 20 attacks with IEDs", "40 attacks were against
    Shia civilians". A breakdown into another metric ("including sweeps that led to 95 arrests") stays."""
    start = doc.window_start(candidate.number)
    if candidate.metric == "attacks" and _opens_sentence(doc, candidate) and _target_follows(doc, candidate):
        return True
    nearest = bisect.bisect_left(cues, candidate.number) - 1
    cue = cues[nearest] if nearest >= 0 and cues[nearest] >= start else None
    if cue is None or (candidate.verb_after and candidate.metric != "attacks"):
        return False
    before_cue = bisect.bisect_left(positions, cue)
    head = found[before_cue - 1] if before_cue and found[before_cue - 1].number >= start else None
    head_metric = head.metric if head else _noun_metric(doc, _bare_noun(doc.word(cue - 1)), cue - 1)
    return head_metric == candidate.metric


def _opens_sentence(doc: Document, candidate: Candidate) -> bool:
    start, _ = doc.seg.sentence_range(candidate.number)
    return candidate.number - start < 4 and all(
        doc.seg.tokens[i].kind == "p" for i in range(start, candidate.number)
    )


def _target_follows(doc: Document, candidate: Candidate) -> bool:
    index = candidate.last + 1
    while doc.word(index) in _AUXILIARIES:
        index += 1
    return doc.word(index) in vocab.SUBSET_TARGET
