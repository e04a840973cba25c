"""The spinner's hand-written vocabulary: word classes, stock-phrase paraphrases, confusable units.

Kept apart from the code that uses it because it is data, tuned by reading
spun articles rather than by changing logic: the word classes stand in for a
part-of-speech tagger, ``PHRASE_PARAPHRASES`` holds the paraphrases content
farms use for news prose, and ``UNIT_SWAPS``/``KNOWN_ACRONYMS`` the facts a
spinner typically gets wrong. Lower-case word sets; phrase keys are lower-case
word sequences.
"""

from __future__ import annotations

#: Function words: never swapped as content words, never taken for names.
STOPWORDS = frozenset(
    """a an the this that these those it its it's he him his she her hers they them their theirs
    we us our you your i me my who whom whose which what when where why how whether if and or nor
    but so yet for of in on at by to from with within without into onto over under about above
    below after before during between among through against toward towards around near since
    until till upon via per than then there here now as also too very just only even still ever
    never not no yes all any each every both either neither some such other another own same
    more most less least much many few several be am is are was were been being have has had
    having do does did doing done will would shall should can could may might must ought
    one two three four five six seven eight nine ten eleven twelve hundred thousand million
    billion first second third percent mr mrs ms dr st up down out off back away again
    get got gets getting""".split()
)

#: A word after one of these is a noun or an adjective.
DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some many several no every "
    "each any another other such".split()
)
#: A word after one of these is a verb.
VERB_CUES = frozenset(
    "to will would can could may might must should shall not never did does do he she they we "
    "i who which".split()
)
#: Forms of "be" and "have": auxiliaries before participles.
BE_FORMS = frozenset("is are was were be been being am".split())
HAVE_FORMS = frozenset("has have had having".split())
#: Verbs whose past tense is the base form (absent from WordNet's exception list).
SAME_PAST = frozenset(
    "set put cut let hit quit shut spread cast cost hurt burst bet split upset beat bid".split()
)
#: Adverbs skipped when looking at the word before a verb ("were later summoned").
SKIPPED_ADVERBS = frozenset("later also not already still just never recently since".split())

#: Stock phrases of news prose and the paraphrases content farms use for them.
#: Keys are lower-case word sequences; matched on words, longest first.
PHRASE_PARAPHRASES: dict[str, tuple[str, ...]] = {
    # Stock phrases and connectives.
    "according to": ("as per", "as indicated by", "in accordance with"),
    "because of": ("due to", "on account of", "owing to"),
    "due to": ("because of", "owing to", "in light of"),
    "because": ("since", "in light of the fact that", "on the grounds that"),
    "more than": ("in excess of", "over", "upwards of"),
    "so far": ("up until this point", "until now", "to date"),
    "amid": ("in the midst of", "even with", "amidst"),
    "despite": ("in spite of", "notwithstanding", "regardless of"),
    "however": ("nonetheless", "nevertheless", "all things considered"),
    "still": ("by and by", "in any case", "nonetheless"),
    "also": ("additionally", "likewise", "furthermore"),
    "although": ("albeit", "even though", "however much"),
    "such as": ("like", "for example", "including"),
    "in order to": ("so as to", "to"),
    "as well as": ("along with", "in addition to", "and furthermore"),
    "as well": ("too", "also"),
    "a number of": ("several", "various", "a few"),
    "a lot of": ("a great deal of", "plenty of", "lots of"),
    "a few": ("a couple of", "some", "several"),
    "many": ("numerous", "a lot of", "various"),
    "some": ("a few", "certain", "several"),
    "other": ("various other", "additional", "different"),
    "ago": ("prior", "back", "previously"),
    "about": ("around", "approximately", "regarding"),
    "after": ("following", "in the wake of", "subsequent to"),
    "before": ("prior to", "ahead of", "preceding"),
    "during": ("in the course of", "throughout", "all through"),
    "if": ("in the event that", "assuming", "supposing that"),
    "but": ("yet", "however", "though"),
    "while": ("whereas", "even as", "though"),
    "and": ("as well as", "and also", "along with"),
    "or": ("or even", "or perhaps"),
    "with": ("along with", "together with", "alongside"),
    "on": ("upon",),
    "in": ("within", "inside"),
    "which": ("that",),
    "when": ("whenever", "as soon as", "once"),
    "where": ("in which", "wherein"),
    "then": ("after that", "next", "at that point"),
    "now": ("currently", "at present", "right now"),
    "just": ("simply", "merely", "only"),
    "only": ("just", "merely", "simply"),
    "very": ("extremely", "truly", "really"),
    "until": ("till", "up until"),
    "against": ("in opposition to", "contrary to", "versus"),
    "near": ("close to", "nearby", "in the vicinity of"),
    "including": ("counting", "among them", "such as"),
    "people": ("individuals", "persons", "folks"),
    "the first": ("the very first", "the initial"),
    "in fact": ("actually", "as a matter of fact"),
    "for example": ("for instance",),
    "at the time": ("then", "back then"),
    "in the past": ("previously", "formerly"),
    "in recent weeks": ("over the course of recent weeks", "lately"),
    "last week": ("the previous week", "a week ago"),
    "last year": ("the previous year", "a year ago"),
    "next week": ("the following week",),
    "at least": ("no less than", "at minimum", "at the very least"),
    "as a result": ("consequently", "because of this", "therefore"),
    "is expected to": ("is anticipated to", "is supposed to", "is projected to"),
    "going to": ("about to", "planning to"),
    "want to": ("wish to", "would like to"),
    "wants to": ("wishes to", "would like to"),
    "need to": ("have to", "must"),
    "tried to": ("attempted to", "sought to"),
    "try to": ("attempt to", "seek to"),
    "there is": ("there's", "there exists"),
    # Modals and negation, both ways.
    "can": ("could", "may"),
    "could": ("might", "may"),
    "should": ("ought to", "must"),
    "must": ("need to", "have to"),
    "cannot": ("can't", "can not"),
    "did not": ("didn't", "failed to"),
    "does not": ("doesn't",),
    "do not": ("don't",),
    "is not": ("isn't",),
    "are not": ("aren't",),
    "was not": ("wasn't",),
    "has not": ("hasn't",),
    "have not": ("haven't",),
    "will not": ("won't",),
    "didn't": ("did not", "failed to"),
    "doesn't": ("does not",),
    "don't": ("do not",),
    "isn't": ("is not",),
    "aren't": ("are not",),
    "wasn't": ("was not",),
    "hasn't": ("has not",),
    "haven't": ("have not",),
    "won't": ("will not",),
    "can't": ("cannot", "can not"),
    "it's": ("it is",),
    "it is": ("it's",),
    "that's": ("that is",),
    "there's": ("there is",),
    "i'm": ("I am",),
    "we're": ("we are",),
    "they're": ("they are",),
}

#: First words of an introductory clause that can move to the end of its sentence.
INTRO_WORDS = frozenset(
    "in on at after before while when although though since as despite during last earlier "
    "following with without amid for by under over because if unless once until within "
    "according".split()
)
#: Verbs of attribution ("X said Y") that can move to the end of a sentence.
SAY_VERBS = ("said", "says", "added", "noted", "wrote", "told reporters")

#: Unit words and the unit a spinner confuses them with.
UNIT_SWAPS: dict[str, str] = {
    "miles": "kilometers", "mile": "kilometer", "kilometers": "miles", "kilometer": "mile",
    "kilometres": "miles", "kilometre": "mile", "km": "miles",
    "pounds": "kilograms", "pound": "kilogram", "kilograms": "pounds", "kilogram": "pound",
    "kg": "pounds", "feet": "meters", "foot": "meter", "meters": "feet", "meter": "foot",
    "metres": "feet", "inches": "centimeters", "centimeters": "inches", "tons": "tonnes",
    "tonnes": "tons", "gallons": "liters", "liters": "gallons", "litres": "gallons",
    "acres": "hectares", "hectares": "acres", "Fahrenheit": "Celsius", "Celsius": "Fahrenheit",
}  # fmt: skip

#: Acronyms a spinner likes to "expand", with their true expansions.
KNOWN_ACRONYMS: dict[str, str] = {
    "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union",
    "UN": "United Nations",
    "FBI": "Federal Bureau of Investigation",
    "CIA": "Central Intelligence Agency",
    "IMF": "International Monetary Fund",
    "NASA": "National Aeronautics and Space Administration",
    "DNC": "Democratic National Committee",
}

#: Gendered pronouns and the slip a spinner makes with each.
PRONOUN_SLIPS = {"her": "his", "his": "her", "she": "he", "he": "she", "him": "her"}

#: Filler adverbs a spinner pads sentences with ("has actually been").
FILLERS = ("actually", "really", "in fact", "truly", "certainly", "basically")
