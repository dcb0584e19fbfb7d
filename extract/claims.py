"""Claims of specific attacks: action, target, place, and whether an analyst should look.

A claim starts at an action word for one event ("استهداف", "اغتيال", "a daylight
attack on", "stormed", "suicide bombing") or at a claimed death toll ("claimed
its fighters killed 15 soldiers"). Plural summaries ("سلسلة من الهجمات",
"attacks on local security forces") and references back ("the attack") are not
new claims; retellings of one attack with the same toll are merged.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claimwatch.extract import vocabulary as vocab
from claimwatch.extract.anchors import Anchored
from claimwatch.extract.document import WINDOW, Document, Place
from claimwatch.extract.figures import Candidate
from claimwatch.extract.guard import guarded
from claimwatch.extract.model import Claim
from claimwatch.extract.notable import CAPITAL_REASON, MASS_CASUALTY_REASON, Lexicon, TermIndex

ACTOR = "Islamic State"
_ACTIONS: tuple[tuple[str, str, str], ...] = (  # action, pattern, keywords every match holds
    ("attempted_assassination",
     r"محاوله اغتيال|\b(?:attempted assassination|assassination attempt|attempt(?:ed)? to assassinate)\b",
     "اغتيال assassination attempted attempt"),
    ("assassination",
     r"(?<!\w)[وف]?[بل]?(?:اغتيال|اغتال)(?!\w)|\bassassinat(?:ion|ed)\b",
     "اغتيال اغتال assassination assassinated"),
    ("suicide_bombing",
     r"(?<!\w)[وفب]?(?:ال)?(?:هجوم|تفجير|عمليه)(?:ا)? (?:ال)?انتحاري(?:ا|ه)?(?!\w)"
     r"|\bsuicide (?:bombing|bomb|attack|blast|car bomb)\b",
     "انتحاري انتحاريا انتحاريه suicide"),
    ("kidnapping",
     r"(?<!\w)[وف]?[بل]?(?:اختطاف|خطف)(?!\w)|\b(?:kidnap(?:ped|ping)?|abduct(?:ed|ion))\b",
     "خطف اختطاف kidnap kidnapped kidnapping abducted abduction"),
    ("execution",
     r"(?<!\w)[وف]?[بل]?(?:اعدام|اعدم|ذبح)(?!\w)|\b(?:executed|execution|beheaded|beheading)\b",
     "اعدام اعدم ذبح executed execution beheaded beheading"),
    ("ambush",
     r"(?<!\w)[وفب]?كمين(?:ا)?(?!\w)|\bambush(?:ed)?\b",
     "كمين كمينا ambush ambushed"),
    ("ied",
     r"(?<!\w)[وفب]?عبوه ناسفه|\b(?:ied|roadside bomb|improvised explosive device)\b",
     "ناسفه ied roadside improvised"),
    ("rocket",
     r"(?<!\w)[وفب]?(?:صاروخ|قذيفه صاروخيه)(?!\w)|\b(?:rocket-propelled grenade|rocket attack|rpg)\b",
     "صاروخ صاروخيه rocket rpg"),
    ("mortar",
     r"(?<!\w)[وفب]?(?:قذيفه هاون|قذايف هاون)|\bmortar\b",
     "هاون mortar"),
    ("bombing",
     r"(?<!\w)[وفب]?(?:تفجير|سياره مفخخه)(?!\w)"
     r"|\b(?:car bomb(?:ing)?|bombing|car (?:filled|packed|laden) with explosives)\b",
     "تفجير مفخخه bomb bombing explosives"),
    ("attack",
     r"(?<!\w)[وف]?[بل]?(?:استهداف|استهدف|هاجم|اقتحام|اقتحم)(?!\w)"
     r"|(?<!\w)[وفب]?(?:ال)?هجوم(?:ا)? (?:[^\W\d]+ ){0,5}?(?:علي|ضد)(?!\w)|(?<!\w)[وفب]?هجوم(?:ا)?(?!\w)"
     r"|(?<!\w)(?:ال)?هجوم(?:ا)? (?:الذي|الي) استهدف"
     r"|\b(?:an?|the) (?:[a-z-]+ ){0,2}attack (?:on|at|against|targeting)\b"
     r"|\b(?:attacked|stormed|overran)\b|\b(?:an?|the) (?:[a-z-]+ )?(?:attack|clash)\b",
     "استهداف استهدف هاجم اقتحام اقتحم هجوم هجوما attack clash attacked stormed overran"),
)
_TRIGGERS = tuple(
    (action, Anchored(re.compile(pattern), keywords.split(), reach=40))
    for action, pattern, keywords in _ACTIONS
)
_PRIORITY = {name: rank for rank, (name, _, _) in enumerate(_ACTIONS)}
_CLAIM_VERB = vocab.words("claimed claims claim said تبنى أعلن اعلن أكد")
_TARGET_STOPS = vocab.words(
    "في خلال ما مما وهو التي قبل بعد عن حيث واسفر وأسفر أسفر ادى أدى",
    "in on during by that which who as after before killing leaving causing was is were and with from",
    "near outside قرب بالقرب",
)
_TIME_WORDS = vocab.words(
    "مساء صباح يوم ليلة اليوم السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة",
    "monday tuesday wednesday thursday friday saturday sunday morning evening night",
)
_TARGET_PREPOSITIONS = vocab.words("on at against targeting على ضد")
_TARGET_LINKS = _TARGET_PREPOSITIONS | vocab.words(
    "of struck hit rammed into targeted damaged استهدف استهدفت",
)
_OBJECT_TRIGGERS = tuple(vocab.words(
    "استهداف استهدف هاجم اقتحام اقتحم اغتيال اغتال محاولة خطف اختطاف إعدام أعدم ذبح",
    "attacked stormed overran assassinated assassination kidnapped abducted executed beheaded ambushed",
    "attempted",
))
_OBJECT_TRIGGER_ENDINGS = ("on", "at", "against", "targeting", "علي", "ضد", "استهدف")
_AGGREGATE = vocab.words("operations attacks عمليات هجمات cells")
_ISLAMIC_STATE = guarded(re.compile(
    r"داعش|الدوله الاسلاميه|تنظيم الدوله|\b(?:isis|isil|islamic state|iswap|iskp|iscap|al-naba)\b"
))


@dataclass
class Found:
    """A claim while it is being assembled."""

    action: str
    first: int  # evidence token range, inclusive
    last: int
    target: tuple[int, int] | None  # token range
    place: Place | None  # a place the claim's own words name
    killed: float = 0
    either: float = 0


def collect_claims(doc: Document, figures: list[Candidate]) -> list[Found]:
    """Claims of specific attacks in text order, merged when they retell one attack."""
    triggered = _triggered(doc)
    told = {doc.seg.sentence_of[claim.first] for claim in triggered}
    found = triggered + _claimed_tolls(doc, figures, told)
    found.sort(key=lambda claim: claim.first)
    _attach_tolls(doc, found, figures)
    return _merge_retellings([claim for claim in found if claim.target or claim.place or claim.killed])


def build_claims(doc: Document, found: list[Found], lexicon: Lexicon, focus: str | None) -> tuple[Claim, ...]:
    """Claims with their notable reasons; a claim whose words name no place takes a nearby one
    (extract.claims._nearby_place) or the one the article is about, `focus`."""
    if not found:
        return ()
    terms = TermIndex(doc.norm.text, lexicon)
    actor = ACTOR if _ISLAMIC_STATE.search(doc.norm.text) else None
    return tuple(_claim(doc, claim, lexicon, terms, actor, focus) for claim in found)


def _triggered(doc: Document) -> list[Found]:
    by_clause: dict[int, Found] = {}
    text = doc.norm.text
    matches = sorted(
        ((match, action) for action, anchored in _TRIGGERS for match in anchored.finditer(text, doc.words)),
        key=lambda found: found[0].start(),
    )
    for match, action in matches:
        first = doc.seg.token_at(match.start())
        last = max(first, doc.seg.token_at(match.end() - 1))
        if _is_reference_back(match.group(), action) or _has_aggregate_subject(doc, first):
            continue
        clause = doc.seg.clause_of[first]
        earlier = by_clause.get(clause)
        if earlier is not None:
            if _PRIORITY[action] < _PRIORITY[earlier.action]:
                earlier.action = action
            continue
        target = _target(doc, last, _takes_object(match.group()))
        place = _own_place(doc, first, target)
        by_clause[clause] = Found(action, first, _evidence_end(target, place, last), target, place)
    return list(by_clause.values())


def _is_reference_back(trigger: str, action: str) -> bool:
    """"the attack", "during the clash" (no "on …" after): an attack already told, not a new one."""
    return action == "attack" and trigger.startswith("the ") and trigger.endswith(("attack", "clash"))


def _has_aggregate_subject(doc: Document, first: int) -> bool:
    """"these attacks targeted…", "West Africa operations killed…", "788 هجوما على…": many attacks."""
    if first > 0 and doc.seg.tokens[first - 1].kind == "n":
        return True
    return any(doc.word(index) in _AGGREGATE for index in range(max(0, first - 3), first))


def _takes_object(trigger: str) -> bool:
    """"استهداف X", "attacked X", "an attack on X": the words after the action are its target."""
    bare = trigger.lstrip("وفبل")
    return bare.startswith(_OBJECT_TRIGGERS) or trigger.endswith(_OBJECT_TRIGGER_ENDINGS)


def _target(doc: Document, trigger_last: int, takes_object: bool) -> tuple[int, int] | None:
    """The words after the action, or after "struck / الذي استهدف / on" for an instrument
    ("a car bomb rammed into a convoy"), up to a preposition, a place or the clause end."""
    index = trigger_last + 1
    if not takes_object:
        links = [i for i in range(index, index + 3) if doc.word(i) in _TARGET_LINKS]
        if not links:
            return None
        index = links[-1] + 1
    elif doc.word(index) in _TARGET_PREPOSITIONS:
        index += 1
    while doc.word(index) in _TIME_WORDS:
        index += 1
    _, clause_end = doc.seg.clause_range(trigger_last)
    end = index
    while end < min(clause_end, index + 8):
        token = doc.seg.tokens[end]
        if (token.kind == "p" and token.text not in ("-", "'", '"')) or token.text in _TARGET_STOPS:
            break
        if end > index and any(place.locative for place in doc.places_between(end, end + 1)):
            break  # "attack on a checkpoint in Abriha"; but "مطار كابل العسكري" keeps its city
        end += 1
    return (index, end - 1) if end > index else None


def _own_place(doc: Document, first: int, target: tuple[int, int] | None) -> Place | None:
    """A place in the target ("مطار كابل") or named with a preposition in the clause."""
    _, end = doc.seg.clause_range(first)
    candidates = [p for p in doc.places_between(first, min(end, first + WINDOW)) if p.usable]
    if target is not None:
        inside = [p for p in candidates if target[0] <= p.first <= target[1]]
        if inside:
            return inside[0]
    located = [p for p in candidates if p.locative]
    return located[0] if located else None


def _nearby_place(doc: Document, found: Found) -> str | None:
    """For a claim whose words name no place: the next place of its sentence ("استهداف مقر الوزارة،
    … واستهداف مطار كابل"), else the last place named in the three sentences before it."""
    _, sentence_end = doc.seg.sentence_range(found.first)
    following = doc.places_between(found.last + 1, min(sentence_end, found.last + WINDOW))
    after = [p for p in following if p.usable]
    if after:
        return after[0].name
    sentence = doc.seg.sentence_of[found.first]
    lookback = doc.seg.sentence_bounds[max(0, sentence - 3)][0]
    before = [p for p in doc.places_between(max(lookback, found.first - 3 * WINDOW), found.first) if p.usable]
    return before[-1].name if before else None


def _evidence_end(target: tuple[int, int] | None, place: Place | None, last: int) -> int:
    ends = [last]
    if target is not None:
        ends.append(target[1])
    if place is not None:
        ends.append(place.last)
    return max(ends)


def _claimed_tolls(doc: Document, figures: list[Candidate], told: set[int]) -> list[Found]:
    """"claimed its fighters killed 15 soldiers during a clash in X": a claimed death toll, unless
    its sentence already tells the attack it belongs to (one claim a sentence). "carried out 4
    attacks in Iraq, killing 9" is the toll of several attacks, not a claim."""
    found = []
    told = set(told)
    counted: dict[int, int] = {}  # sentence → first count of several attacks in it
    for figure in figures:
        if figure.metric == "attacks" and figure.value > 1:
            counted.setdefault(doc.seg.sentence_of[figure.number], figure.number)
    for figure in figures:
        sentence = doc.seg.sentence_of[figure.number]
        if figure.metric != "killed" or figure.period == "other" or sentence in told:
            continue
        if not any(doc.word(i) in _CLAIM_VERB for i in range(doc.window_start(figure.first), figure.first)):
            continue
        if _has_aggregate_subject(doc, figure.first) or counted.get(sentence, figure.number) < figure.number:
            continue
        place = _own_place(doc, figure.first, None)
        found.append(Found("attack", figure.first, max(figure.last, place.last if place else 0), None, place,
                           killed=figure.value))
        told.add(sentence)
    return found


def _attach_tolls(doc: Document, found: list[Found], figures: list[Candidate]) -> None:
    """Each claim takes the largest toll its sentence reports between the claims beside it
    ("قتل خمسة جنود …، في هجوم على …"), leaving out tolls of many attacks ("operations killed")."""
    positions = [figure.number for figure in figures]
    for position, claim in enumerate(found):
        sentence_start, sentence_end = doc.seg.sentence_range(claim.first)
        previous = found[position - 1].last + 1 if position else sentence_start
        following = found[position + 1].first if position + 1 < len(found) else sentence_end
        start = max(sentence_start, previous, claim.first - WINDOW)
        end = min(sentence_end, following, claim.first + WINDOW)
        low, high = bisect.bisect_left(positions, start), bisect.bisect_left(positions, end)
        for figure in figures[low:high]:
            if _has_aggregate_subject(doc, figure.first):
                continue
            if figure.metric == "killed":
                claim.killed = max(claim.killed, figure.value)
                if doc.seg.clause_of[figure.number] == doc.seg.clause_of[claim.first]:
                    claim.first = min(claim.first, figure.first)  # "killed 12 soldiers during a clash"
            elif figure.metric == "killed_or_wounded":
                claim.either = max(claim.either, figure.value)


def _merge_retellings(found: list[Found]) -> list[Found]:
    """One attack told twice (title and body, claim and police count) is one claim: keep the telling
    that names its place, then the one that also names its target, else the first."""
    kept: list[Found] = []
    by_toll: dict[float, int] = {}
    for claim in found:
        twin = by_toll.get(claim.killed) if claim.killed else None
        if twin is None:
            by_toll.setdefault(claim.killed, len(kept))
            kept.append(claim)
        elif _tells_more(claim, kept[twin]):
            kept[twin] = claim
    return kept


def _tells_more(claim: Found, other: Found) -> bool:
    if (claim.place is None) != (other.place is None):
        return claim.place is not None
    return other.target is None and claim.target is not None


def _claim(doc: Document, found: Found, lexicon: Lexicon, terms: TermIndex, actor: str | None,
           focus: str | None) -> Claim:
    tokens = doc.seg.tokens
    _, clause_end = doc.seg.clause_range(found.first)
    scope_end = tokens[max(found.last, clause_end - 1)].end
    reasons = list(dict.fromkeys(terms.reasons_between(tokens[found.first].start, scope_end)))
    region = found.place.name if found.place else _nearby_place(doc, found) or focus
    if found.place and found.place.name in lexicon.capitals and CAPITAL_REASON not in reasons:
        reasons.append(CAPITAL_REASON)
    if found.killed >= lexicon.killed_threshold or found.either >= lexicon.either_threshold:
        reasons.append(MASS_CASUALTY_REASON)
    target = doc.span(*found.target).text if found.target else None
    return Claim(actor, found.action, target, region, bool(reasons), tuple(reasons),
                 doc.span(found.first, found.last))
