"""The words the statistics and claims matchers read, in normalised spelling.

Written here in ordinary Arabic and English and normalised once at import, so a
list reads naturally and still matches the folded text (مئة → ميه, قتلى → قتلي).
"""

from __future__ import annotations

from claimwatch.extract.normalize import normalize_word


def words(*entries: str) -> frozenset[str]:
    """Normalised forms of space-separated words."""
    return frozenset(normalize_word(word) for entry in entries for word in entry.split())


ATTACK_NOUNS = words(
    "هجوم هجوما هجومًا هجمات هجمة هجمةً عملية عمليات اعتداء اعتداءات غزوة غزوات",
    "attack attacks operation operations assault assaults",
)
ATTACK_NOUN_SINGULAR = words("هجوم هجوما هجمة عملية اعتداء attack operation assault")
AREA_NOUNS = words(
    "مناطق منطقة دول دولة ولايات ولاية بلدان بلدا أقاليم محافظات",
    "areas regions countries provinces wilayat",
)
KILLED_NOUNS = words("قتيل قتيلا قتلى dead deaths fatalities")
WOUNDED_NOUNS = words("جريح جريحا جرحى مصاب مصابا مصابين wounded injured injuries")
ARREST_NOUNS = words("معتقل معتقلا معتقلين موقوفا موقوفين arrests arrested detained detainees")
EITHER_NOUNS = words("casualties")
PEOPLE = words(
    "شخص شخصا أشخاص مدني مدنيا مدنيين جندي جنديا جنود عنصر عنصرا عناصر ضابط ضابطا ضباط شرطيا",
    "عسكريا عسكريين مسلحا مسلحين مقاتلا مقاتلين طفلا أطفال امرأة نساء مواطنا مواطنين آخرين آخرون",
    "فردا أفراد مسيحيا مسيحيين مصليا مصلين",
    "people persons person civilians civilian soldiers soldier troops members member personnel forces",
    "fighters militants insurgents jihadists policemen police officers officer guards christians",
    "muslims worshippers villagers farmers children women men students workers residents pilgrims others",
)
MILITANTS = words(
    "militants militant jihadists insurgents terrorists extremists إرهابيا إرهابيين إرهابيون دواعش",
)
"""Victims that are the attackers themselves: a count of them is not an attack's toll."""
KILLED_AFTER = words(
    "killed dead died slain قتلوا قتل لقوا لقي حتفهم",
)
WOUNDED_AFTER = words("wounded injured أصيبوا جرحوا")
KILLED_BEFORE = words("مقتل مصرع قتل هلاك دماء killed killing kill")
WOUNDED_BEFORE = words("إصابة أصيب جرح wounded wounding injured injuring")
ARREST_BEFORE = words("اعتقال اعتقل توقيف arrested detained arresting detaining arrest")
EITHER_JOINERS = words("or and و")
QUALIFIERS = words(
    "نحو حوالي قرابة زهاء أكثر من أقل ما لا يقل عن يزيد على بين",
    "about nearly almost around approximately roughly some over more than at least up to a total of",
    "an estimated as many",
)
CHANGE_FALL = words(
    "تراجعت تراجع تراجعا انخفضت انخفاض انخفاضا هبطت تقلصت تدنت",
    "declined decline fell fall dropped drop decreased decrease down",
)
CHANGE_RISE = words(
    "ارتفعت ارتفاع ارتفاعا زادت زيادة تصاعدت تصاعد ازدادت",
    "rose rise increased increase up jumped surged",
)
PERCENT_WORDS = words("% percent per cent بالمئة بالمائة")
INCLUDING = words("including included includes بينهم بينها")
SUBSET_TARGET = words("against targeted targeting on استهدفت ضد")
GLOBAL_SCOPE = tuple(normalize_word(phrase) for phrase in (
    "around the world", "worldwide", "globally", "across the world", "حول العالم", "على مستوى العالم",
    "في جميع مناطق", "في كل مناطق",
))
LOCATIVE = words("في in at near outside across inside around within throughout")
PLACE_FILLERS = words(
    "محافظة ولاية مدينة بلدة قرية منطقة إقليم العاصمة عاصمة شمال جنوب شرق غرب وسط شمالي جنوبي",
    "شرقي غربي كل من ريف مخيم ضواحي قرب",
    "the town city village province state region district area countryside outskirts parts part of",
    "eastern western northern southern northeastern northwestern southeastern southwestern central",
    "north south east west northeast northwest southeast southwest country capital key governorate",
    "al - ' s",
)
DIRECTIONS = words(
    "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي north south east west northeast northwest southeast southwest",
)
ATTRIBUTIVE_AFTER = words(
    "officials official service forces troops soldiers army military government embassy authorities",
    "police security militia personnel members citizens nationals backed led based",
)
ATTRIBUTIVE_BEFORE = words("قوات جيش حكومة شرطة سلطات")
SECURITY_FORCES = words(
    "troops army soldiers forces police military coalition airstrikes airstrike government",
)
"""Subjects whose killings and arrests are of the group's men, not by them ("troops killed 30")."""
THE_GROUP = words(
    "group isis isil is daesh militants jihadists insurgents terrorists cells",
    "داعش التنظيم تنظيم الإرهاب الإرهابيين خلايا المسلحين",
)
RESUMPTIVE = words("فيها فيه بها")
THEM = words("منها منهم")
ELABORATION = words("specifically namely particularly notably تحديدا وتحديدا")
ISSUE_WORDS = words("عدد العدد عددها issue issues no number رقم")
NON_COUNT_UNITS = words(
    "يوما أيام أسابيع أشهر شهور شهرا سنوات عاما سنة ساعة ساعات دقيقة كيلومتر كلم متر طن دولار درهم",
    "دينار جنيه يورو ريال مليار",
    "days day weeks week months month years year hours hour minutes km kilometers kilometres miles",
    "meters metres tonnes tons dollars euros billion vessels ships pm am o'clock gmt",
)
LABEL_WORDS = words("aged age عمره عمر العمر البالغ الساعة resolution number no قرار المادة")
"""Words after which a number is a label (an age, an hour, a resolution), not a count."""
