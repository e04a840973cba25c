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


#: One invented event told four ways, none of them dated: the original report, an independent
#: report of the same event, a light human rewording of the original, and a synonym spin of it.
HARBOUR_ORIGINAL = "\n\n".join(
    (
        "Fire Destroys Warehouse at Port of Dunmore",
        "A fire destroyed a grain warehouse at the Port of Dunmore early on Tuesday, forcing the "
        "evacuation of 240 workers and closing the eastern terminal for at least three days.",
        "Firefighters from four stations fought the blaze for more than six hours. Chief Officer "
        'Maria Kessler said the roof collapsed at 4:15 a.m. "We were lucky that nobody was inside '
        'the building when it came down," she told reporters at the gate.',
        "The warehouse held about 12,000 tonnes of barley bound for Rotterdam. The port authority "
        "estimated the damage at 8.5 million euros and said ferries to Holyhead would run as usual.",
        "Investigators from the Harbour Safety Board arrived on Tuesday afternoon. A spokesman, "
        "Daniel Okafor, said an electrical fault in a conveyor belt was one line of inquiry.",
        "Local councillor Aoife Brennan called for an independent review of fire safety at the "
        "port, which handled 2.3 million tonnes of cargo last year.",
    )
)

HARBOUR_INDEPENDENT = "\n\n".join(
    (
        "Dunmore port blaze: terminal shut after night fire",
        "Shipping at Dunmore's eastern terminal was halted on Tuesday after a night-time fire "
        "gutted a storage shed used for grain exports, the harbour company confirmed.",
        "Witnesses living near the quays described flames visible across the bay and a column of "
        "smoke that drifted towards the town centre before dawn. Several families on Quay Road "
        "kept their windows shut on the advice of the fire service.",
        "Exporters said cargo would be diverted to the western berths while engineers check the "
        "structure. One haulier, Sean Doyle, said his drivers had been turned away at the gate.",
        "The cause of the fire is not yet known. The harbour company said it would cooperate with "
        "investigators and publish their findings.",
    )
)

HARBOUR_REWORDED = "\n\n".join(
    (
        "Warehouse at Port of Dunmore Destroyed by Fire",
        "A grain warehouse at the Port of Dunmore was destroyed by fire early on Tuesday. About "
        "240 workers were evacuated and the eastern terminal will stay closed for at least three days.",
        "Crews from four fire stations fought the blaze for over six hours, and Chief Officer Maria "
        "Kessler said the roof fell in at 4:15 a.m. She told reporters it was lucky that nobody was "
        "inside when it came down.",
        "Around 12,000 tonnes of barley bound for Rotterdam were stored there. The port authority "
        "put the damage at 8.5 million euros; ferries to Holyhead are running as normal.",
        "Investigators from the Harbour Safety Board arrived in the afternoon. Their spokesman, "
        "Daniel Okafor, said a fault in a conveyor belt was being looked at.",
        "Councillor Aoife Brennan has called for an independent review of fire safety at the port.",
    )
)

HARBOUR_SPUN = "\n\n".join(
    (
        "Blaze Obliterates Storehouse at Harbor of Dunmore",
        "A blaze obliterated a cereal storehouse at the Harbor of Dunmore promptly on Tuesday, "
        "compelling the departure of 240 laborers and shutting the eastern station for no less "
        "than three days.",
        "Firemen from four depots combated the inferno for in excess of six hours. Boss Official "
        'Maria Kessler stated the rooftop fell down at 4:15 a.m. "We were fortunate that no one was '
        'inside the structure when it descended," she informed journalists at the entryway.',
        "The storehouse contained approximately 12,000 tonnes of grain destined for Rotterdam. The "
        "harbor specialists assessed the harm at 8.5 million euros and said boats to Holyhead would "
        "operate true to form.",
        "Agents from the Harbor Security Board showed up on Tuesday evening. A representative "
        "stated an electrical flaw in a transport belt was one line of request.",
        "Neighborhood councilor Aoife Brennan required a free survey of fire wellbeing at the "
        "harbor, which took care of 2.3 million tonnes of freight last year.",
    )
)
