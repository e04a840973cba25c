"""Small named corpora shared by test modules."""

#: A short news article in the seed's manner: names, numbers, a unit, an acronym, quotes.
NEWS = "\n\n".join(
    (
        "Russian Officials Demand Putin Resign Amid Ukraine Losses",
        "Russian officials are calling on President Vladimir Putin to resign amid mounting losses "
        "in his invasion of Ukraine, a rare sign of frustration as the Kremlin cracks down on "
        "dissent.",
        "In recent weeks, Ukraine has gone on the offensive near Kherson and Kharkiv, taking back "
        "more than 1,000 miles of formerly occupied territory. The counteroffensive caught Moscow "
        "by surprise.",
        "Thirty-five municipal deputies signed a petition demanding that he resign, tweeted Ksenia "
        'Tortstrem on Monday. She said the petition does not "discredit" anyone.',
        "Nikita Yurefev wrote that the war has led to the deaths of soldiers, economic issues and "
        "the expansion of the North Atlantic Treaty Organization (NATO). Police later summoned "
        "members of the council, he said.",
    )
)

#: The same kind of prose without quotations, captions or bylines: nothing in it may be dropped,
#: and with NEWS it is long enough that three light edits stay light.
PLAIN = "\n\n".join(
    (
        "The Russian leader launched the invasion of the neighbouring country more than six months "
        "ago on February 24. Russian officials hoped their large military would lead them to a "
        "quick victory, but Ukraine met them with a strong defense effort bolstered by aid from its"
        " allies including the United States.",
        "In recent weeks, Ukraine has gone on the offensive in areas near Kherson and Kharkiv, "
        "taking back more than 1,000 miles of formerly occupied territory. The counteroffensive "
        "caught Moscow by surprise, and Ukrainian victories forced Russian forces to retreat from "
        "key cities such as Izyum over the weekend.",
        "These losses appear to be leading to increased dissent against Putin. Thirty-five "
        "municipal deputies signed a petition demanding him to resign from office, and Ksenia "
        "Tortstrem, who serves as a deputy in Smolninskoye, shared it on Monday with 35 colleagues.",
        "Russia's Duma passed a law in March banning the spreading of false news about the armed "
        "forces. The law has been used by authorities to crack down on those who have expressed "
        "criticism of the war, and NATO officials watched closely.",
    )
)
