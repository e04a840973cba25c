"""Word tables of page furniture: UI labels, wire names, link labels and outlet look-alikes.

Kept apart from the rules in :mod:`analyzer.ingest.boilerplate` that read them, as
scikit-learn keeps its stop words apart from its vectorizers.
"""

from __future__ import annotations

#: Whole lines that are page furniture, compared lower-cased with surrounding
#: punctuation and bullets stripped. Every entry is a UI label seen in the
#: scrapes; none of them can be a sentence of an article on its own.
UI_LINES = frozenset(
    entry.strip()
    for entry in """
    all menu|menu|main menu|open menu|close menu|toggle navigation|navigation|search|home
    top|back to top|go to top|scroll to top|scroll to top of page|skip to content
    skip to main content|comment here|comment|comments|view comments|show comments
    hide comments|leave a comment|post a comment|add a comment|join the conversation
    click here to comment on this article|read full article|read the full article
    read more|continue reading|read full story|full story|see more|show more|more|less
    close|share|share this|share this article|share this story|share story|share article
    share on facebook|share on twitter|tweet|email|e-mail|print|print this article|whatsapp
    facebook|twitter|linkedin|pinterest|reddit|flipboard|messenger|copy link|link copied
    pin|save|edit|more_vert|advertisement|advertisements|advertising|ad|sponsored
    sponsored content|paid content|promoted|promoted stories|sign up|sign me up|sign in
    log in|login|logout|log out|register|subscribe|subscribe now|subscribed|unsubscribe
    related|related content|related stories|related articles|related coverage|related news
    related links|related topics|recommended|recommended for you|recommended video
    recommended stories|you may also like|you might also like|more from|more stories
    most read|most popular|most viewed|most shared|trending|trending now|top stories
    latest|latest news|latest stories|up next|next|previous|prev|now playing|watch
    watch more|watch now|watch live|watch video|video|videos|photos|photo|gallery
    back to gallery|view gallery|image|images|listen|listen to this article|play|replay
    pause|mute|unmute|loading|open in app|download the app|get the app|follow us|follow
    be the first to know|congratulations|you are signed in as|purchase: order reprint
    order reprint|reprints|updated|posted|published|originally posted on|updated on
    posted on|published on|a a|text size|font size|report an error|report a typo
    feedback|send feedback|tips|send us a tip|contact us|about us|privacy policy|terms of use
    terms of service|cookie policy|cookie settings|manage cookies|accept|accept all
    i agree|ok|got it|dismiss|connect tweet linkedin commentemailmore|story continues below
    article continues below|continue reading below|content continues below|none|null
    undefined|nan|post to facebook|post to twitter|cancel|send|cancelsend|posted
    """.replace("\n", "|").split("|")
    if entry.strip()
)

#: Names of news wires, mapped to one spelling so origins compare equal.
WIRES = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "upi": "UPI",
    "united press international": "UPI",
    "pa": "PA Media",
    "press association": "PA Media",
    "pa media": "PA Media",
    "dpa": "dpa",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "cnn": "CNN",
    "cnn wire": "CNN",
    "cnn newsource": "CNN",
    "tribune news service": "Tribune News Service",
}

#: Values of a "Source: ..." footer that are link labels, not a publisher.
NOT_A_PUBLISHER = frozenset(
    {
        "read full article",
        "read more",
        "full article",
        "click here",
        "here",
        "link",
        "original article",
        "original",
        "website",
        "internet",
        "web",
        "online",
        "unknown",
    }
)

NOT_OUTLETS = frozenset(
    {
        "He",
        "She",
        "They",
        "We",
        "I",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "Officials",
        "Police",
        "The White House",
        "The Kremlin",
        "Trump",
        "Putin",
        "A",
        "An",
        "The",
    }
)

ACRONYMS = frozenset(
    (
        "ABC",
        "BBC",
        "CBS",
        "CNN",
        "NBC",
        "NPR",
        "PBS",
        "USA",
        "US",
        "UK",
        "EU",
        "UN",
        "AP",
        "AFP",
        "UPI",
        "RT",
        "TASS",
        "NY",
        "LA",
        "DC",
        "WSJ",
        "MSNBC",
        "CNBC",
        "ITV",
        "ANI",
        "PTI",
        "AOL",
        "ESPN",
        "TMZ",
        "NHK",
        "DW",
        "RFE",
        "RL",
        "VOA",
    )
)
