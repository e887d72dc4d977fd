"""Word lists the extractors match against: data kept apart from the matching logic."""

from __future__ import annotations

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

SCALE_WORDS: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague quantities become open intervals, never points: "dozens" is at least two dozen; the
# upper end stays open. "Several" and "a number of" say no figure at all (no bound either
# way): "several" beside "two" in another report is no conflict an editor would flag.
VAGUE_QUANTITIES: dict[str, tuple[float | None, float | None]] = {
    "a couple of": (2, 3),
    "a couple": (2, 3),
    "a few": (2, None),
    "several": (None, None),
    "a number of": (None, None),
    "multiple": (2, None),
    "numerous": (3, None),
    "many": (3, None),
    "dozens of": (24, None),
    "dozens": (24, None),
    "scores of": (40, None),
    "scores": (40, None),
    "hundreds of": (200, None),
    "hundreds": (200, None),
    "thousands of": (2000, None),
    "thousands": (2000, None),
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "a half-dozen": (6, 6),
    "a half dozen": (6, 6),
    "both": (2, 2),
}

# Qualifiers turn a number into an interval: "at least four" -> [4, inf).
LOWER_BOUND_QUALIFIERS = frozenset(
    {"at least", "no fewer than", "no less than", "a minimum of", "upwards of", "as many as"}
)
STRICT_LOWER_QUALIFIERS = frozenset({"more than", "over", "in excess of", "above"})
UPPER_BOUND_QUALIFIERS = frozenset({"up to", "at most", "no more than"})
STRICT_UPPER_QUALIFIERS = frozenset({"fewer than", "less than", "under", "below"})
# "nearly 100" stays below 100; "around 2,500" is a band around the figure.
BELOW_QUALIFIERS = frozenset({"nearly", "almost", "close to", "just under"})
APPROXIMATE_QUALIFIERS = frozenset(
    {"around", "about", "approximately", "roughly", "some", "an estimated", "estimated",
     "approx.", "circa", "nearly about"}
)  # fmt: skip

# "as many as" reads as an upper figure in some styles, but newsroom usage ("as many as
# 40 people were killed") reports a toll that reached the figure; we keep it a lower bound.

# Nouns for people who can be counted as casualties.  A count attached to one of these is a
# toll ("four militia fighters were killed").
PERSON_NOUNS = frozenset(
    """people persons person men man women woman children child kids kid boys boy girls
    girl teens teen teenagers teenager youths youth adults adult infants infant babies
    baby toddler toddlers fighters fighter militants militant soldiers soldier troops
    servicemen serviceman members member civilians civilian victims victim others
    other more residents resident passengers passenger drivers driver workers worker
    students student protesters protester worshippers worshipers bystanders bystander
    officers officer policemen policeman pilgrims guards guard gunmen gunman attackers
    attacker suspects suspect relatives relative individuals individual pedestrians
    pedestrian customers customer family brothers sisters sons daughters friends
    neighbors neighbours patrons teenagers militiamen insurgents rebels recruits
    police partygoers concertgoers hunters hunter roommate roommates classmate classmates
    brother sister son daughter father mother wife husband girlfriend boyfriend fiance
    fiancee cousin cousins nephew niece uncle aunt grandmother grandfather grandson
    granddaughter stepfather stepson friend neighbor neighbour""".split()
)

# Nouns that name a subset of the victims: "two commanders were killed" says the toll is at
# least two, not exactly two.
SUBSET_NOUNS = frozenset(
    """commander commanders leader leaders chief chiefs deputy deputies aide aides
    official officials officer officers bodyguard bodyguards child children kid kids
    boy boys girl girls woman women civilian civilians bystander bystanders student
    students""".split()
)

# Singular nouns for which "a man was killed" states a toll of exactly one.
SINGULAR_VICTIMS = frozenset(
    """man woman person boy girl teen teenager child toddler baby infant youth juvenile
    adult victim driver passenger resident motorist pedestrian student""".split()
)

KILLED_PASSIVE = (
    r"shot\s+and\s+killed|shot\s+dead|shot\s+to\s+death|found\s+(?:shot\s+to\s+death|dead)"
    r"|fatally\s+(?:shot|stabbed|wounded|injured)|killed|dead"
    r"|slain|murdered|martyred|died|perished|gunned\s+down|stabbed\s+to\s+death"
    r"|beaten\s+to\s+death|lost\s+their\s+lives|executed"
)
WOUNDED_PASSIVE = (
    r"wounded|injured|hurt|hospitali[sz]ed|shot\s+and\s+wounded|shot\s+and\s+injured"
    r"|(?:seriously|critically|slightly|badly)\s+(?:wounded|injured|hurt)"
    # "four people are recovering after the shooting": alive and hurt.
    r"|recovering"
)
KILLED_ACTIVE = (
    r"kill(?:s|ed|ing)?|slaying|slew|(?:shot|shooting)\s+dead"
    # "fatally wounded one student" is a death, not a wound.
    r"|fatally\s+(?:shot|shooting|wounding|wounded|injured|injuring|stabbed|stabbing)"
    r"|murder(?:s|ed|ing)"
)
WOUNDED_ACTIVE = r"wound(?:s|ed|ing)?|injur(?:e|es|ed|ing)|hurt(?:ing|s)?"

AGENCIES = frozenset(
    """dpa afp ap reuters xinhua ani pti upi ians efe ansa anadolu bbc cnn""".split()
)

# Who the article credits: "police said", "according to a US official".
# "say" for a present plural ("Ukrainian officials say 26 died"), "claim" likewise.
ATTRIBUTION_VERBS = (
    r"said|says|say|told|reported|reports|confirmed|stated|announced|claimed|claims|claim|added"
)
# Verbs of a person speaking ("the minister hinted", "said the spokesman"): the day the
# sentence names is when they spoke, not another event's. Not "claimed" (an attack), "posted"
# (points), "admitted" (to a clinic), "called" (the police), "reported" (missing): they also
# name acts.
SPEECH_VERBS = (
    r"said|says|say|told|tells|tell|stated|announced|added|confirmed|hinted|wrote|writes|warned"
    r"|warns|vowed|vows|noted|insisted|declared|denied|stressed|explained|tweeted|urged|praised"
    r"|condemned|described|replied|responded|suggested|acknowledged|estimated"
)

# Organisations whose one word is their whole name: a known first name after one starts a
# person's name ("the Houthis Omar Saleh", "Hamas Khalil Nour"), where after "Kataib" or
# "Harakat" it goes on the organisation's ("Kataib Sayyid al-Shuhada").
WHOLE_ORGANIZATION_NAMES = frozenset(
    """hezbollah hizbollah hizballah hamas houthis houthi taliban pentagon centcom fbi
    qaeda""".split()
)
# Words that head an organisation's name ("Kataib Hezbollah", "Elgin Police Department").
ORGANIZATION_HEADS = frozenset(
    """hezbollah hizbollah hizballah hamas brigades brigade battalion army forces front
    movement resistance command centcom department office police militia harakat
    kataib kataeb kata'ib kata’ib asaib hashed hashd mobilisation mobilization guard
    guards corps ministry council party group jihad nujaba qaeda taliban houthis
    houthi pentagon agency bureau sheriff's fbi""".split()
)

# Roles that tie a named person to an incident.
ROLE_WORDS = frozenset(
    """commander leader chief head spokesman spokeswoman spokesperson official
    secretary-general secretary general minister president governor mayor officer
    sergeant lieutenant captain detective sheriff victim suspect gunman shooter driver
    aide founder member fighter soldier prosecutor attorney judge witness""".split()
)

# Words that make a capitalised run a place or institution, not a person ("Branch Court").
INSTITUTION_WORDS = frozenset(
    """court hospital school church mosque center centre park county street avenue road
    university college airport station base camp prison jail hall square bridge mall
    store market hotel restaurant bar club company news times post tribune herald
    journal""".split()
)

# Title words that may stand before a name ("President Joe Biden"); they are the role.
TITLE_WORDS = frozenset(
    """president prime minister secretary-general secretary general commander leader
    chief deputy spokesman spokeswoman gov governor sen senator rep mayor sheriff
    officer sgt sergeant lt lieutenant capt captain det detective chief judge attorney
    dr mr mrs ms pope king queen prince sheikh ayatollah imam colonel col maj major
    gen cpl insp supt cmdr cdr brigadier brig admiral adm marshal commissioner ambassador
    envoy professor prof rabbi reverend rev bishop archbishop patriarch emir coach maj-gen
    lt-gen brig-gen major-general lieutenant-general brigadier-general""".split()
)

# Capitalised words that start sentences or name days, months and similar, never people.
NOT_NAME_WORDS = frozenset(
    """the a an and or but in on at of for to from with by as is was were he she they it
    this that these those his her their its we you i our us police officials official
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec today yesterday tonight when after before while
    although however according authorities witnesses photo reporting update latest
    advertisement twitter facebook read more click here video watch also but if since
    until there here what who where why how one two three four five six seven eight
    nine ten street st avenue ave road rd block county city state department office
    news across inside outside near during throughout amid despite following into over
    under between among around along against toward towards within beyond behind instead
    meanwhile still then now later earlier moreover furthermore nevertheless nonetheless
    otherwise perhaps indeed finally""".split()
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Phrases that put what follows in another time than the incident being reported.
BACKGROUND_CUES = (
    r"last\s+(?:month|week|year|summer|winter|spring|fall|autumn)|earlier\s+this\s+(?:month|year|week)"
    r"|in\s+(?:early|mid|late)[\s-]+(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december)|since\s+(?:the\s+start|the\s+beginning|then|mid|early"
    r"|late|october|november|december|january|february|march|april|may|june|july|august"
    r"|september|\d{4})|has\s+since|have\s+since|days?\s+(?:ago|earlier|before|after)"
    r"|weeks?\s+(?:ago|earlier|before|after)|months?\s+(?:ago|earlier|before|after)"
    r"|years?\s+(?:ago|earlier|before|after)|previous(?:ly)?|in\s+(?:19|20)\d\d"
    r"|so\s+far\s+this\s+year|this\s+year|since\s+\d{4}"
    r"|a\s+surge\s+in|in\s+total|altogether\s+since|the\s+war\s+(?:has|began)"
)

# Abbreviations whose period does not end a sentence ("U.S. officials", "Jan. 28", "Mr. Hadi").
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st ave blvd rd gen col lt sgt capt cpl pvt maj gov sen rep rev no nos
    inc co corp jr sr vs etc dept ft mt hwy approx est u.s u.k u.n a.m p.m e.g i.e ill
    calif fla mich wis minn tenn ky ga md mass conn ariz colo okla ore wash penn pa
    ind ala miss la nev nm tex va wva""".split()
) | frozenset(MONTH_ABBREVIATIONS)

# Words too common to tell two reports' leads apart when grouping articles into incidents.
GROUPING_STOPWORDS = frozenset(
    """the and for that with from this have has had was were are been said says will
    would their they them his her its our who which what when where after before into
    about over under more most than then there here also just only other some such
    very can could should may might being while during against between through police
    officials told news according reported report people man woman year years old two
    three four five one six seven eight nine ten first last new time day week month
    monday tuesday wednesday thursday friday saturday sunday""".split()
)

# Animals shot or killed in a report are not casualties ("the dog was killed").
ANIMALS = r"dog|puppy|cat|kitten|horse|deer|cow|animal|pit\s+bull|coyote|bear"

# Deaths and injuries from another cause than the violence reported ("died in a car crash").
OTHER_CAUSES = (
    r"(?:car|traffic|vehicle|motorcycle|auto)\s+(?:crash|accident|collision)|overdose|cancer"
    r"|frostbite|house\s+fire|drown(?:ed|ing)|driving\s+drunk|drunk(?:en)?\s+driv(?:er|ing)"
    r"|(?:in|by)\s+(?:a|the|one\s+of\s+(?:the|those))\s+fires?\b"
)

# "a double homicide" is two deaths, "a triple shooting" three people shot.
MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}

# Words of a headline or lead that report news after the shooting (an arrest, a charge, a
# court date, a later death, the victims named, a vigil): such an article is dated by that
# later news, so its day may differ from another report's of the same shooting.
FOLLOW_UP_WORDS = frozenset(
    """arrest arrested arrests charge charged charges custody court trial sentenced
    sentencing guilty plea pleads pleaded indicted indictment convicted acquitted jury
    hearing bond bail arraigned verdict identified identify names named dies died
    succumbs vigil funeral memorial remembered mourn mourns autopsy lawsuit sues
    suspect suspects update""".split()
)

# Words of a sentence that begins the story proper, besides those of an attack: a follow-up's
# first sentence ("A jury found ... guilty of murder") reports no shooting but is the story.
STORY_WORDS = FOLLOW_UP_WORDS | frozenset(
    """murder murdered homicide slaying slain death deaths killer victim victims police
    sheriff deputies officers investigators prosecutors""".split()
)

# Roles of people who speak about many incidents (a police spokesman, a county prosecutor, a
# mayor): two articles quoting the same one may report two shootings in one city.
OFFICIAL_ROLES = frozenset(
    {
        "chief", "sheriff", "sgt", "sergeant", "lt", "lieutenant", "capt", "captain", "major",
        "detective", "spokesman", "spokeswoman", "spokesperson", "attorney", "prosecutor",
        "judge", "mayor", "gov", "governor", "president", "sen", "senator", "dr",
        "chief deputy", "deputy chief", "attorney general", "official", "commander",
    }
)  # fmt: skip

# Roles of public figures who speak about events more than they take part: a leader, a minister
# ("Prime Minister X condemned the strike"). Two reports quoting different ones may still
# report one event, unlike two naming different victims or fighters (`link/participants.py`).
PUBLIC_FIGURE_ROLES = frozenset(
    {
        "leader", "minister", "prime minister", "secretary-general", "secretary general",
        "secretary", "king", "queen", "pope", "ayatollah", "ambassador", "envoy",
    }
)  # fmt: skip

# Words that make a name found in a story a place rather than a person: a leading direction
# ("South Raitt", "West Adams") or a kind of street or district anywhere ("Brashear Drive",
# "Lower Ninth Ward"; not "Hill" or "Park", which are also family names).
PLACE_PREFIXES = frozenset(
    """north south east west central northeast northwest southeast southwest northern
    southern eastern western lower upper downtown""".split()
)
PLACE_TYPE_WORDS = frozenset(
    """street drive avenue boulevard road highway parkway circle court apartments heights
    hills village township parish county district ward side creek valley gardens""".split()
)
# Nationalities: "Israeli" or "Iranian" after "in" ("in Israeli strikes") names an actor,
# not the area where an incident was.
DEMONYMS = frozenset(
    """american british french russian ukrainian iranian israeli iraqi syrian lebanese
    palestinian yemeni pakistani afghan turkish egyptian jordanian saudi chinese""".split()
)
# Words after a country's possessive that name a part of it, where something can strike ("in
# Iran's southeastern province", "on Pakistan's soil"); other words name what the country owns
# or did ("Iran's consulate in Damascus", "in Israel's pager attack").
COUNTRY_PART_WORDS = (
    PLACE_PREFIXES
    | PLACE_TYPE_WORDS
    | frozenset(
        """northeastern northwestern southeastern southwestern province provinces region regions
    state city capital border borders borderlands frontier territory territories soil
    airspace town towns area areas countryside coast port governorate heartland""".split()
    )
)
# What a strike hit, by kind: reports of one strike name its target by different words ("the
# consulate", "the embassy's consular annex"), and two strikes of one day differ on it.
TARGET_KINDS = {
    word: kind
    for kind, words in {
        "mission": "consulate consular embassy",
        "vehicle": "convoy car cars vehicle vehicles truck trucks van bus minibus ambulance",
        "hospital": "hospital hospitals clinic",
        "school": "school schools kindergarten university",
        "market": "market marketplace bazaar mall supermarket",
        "worship": "mosque church synagogue shrine",
        "residence": "house houses home homes apartment apartments residential residence",
        "ground": "field pitch stadium playground",
        "camp": "camp camps base bases barracks depot hideout hideouts headquarters stronghold",
        "port": "port terminal ship vessel tanker harbour harbor",
        "energy": "refinery substation",
    }.items()
    for word in words.split()
}
# Seas and world regions ("Red Sea", "Middle East"): the name finder reads them as people,
# and so wide a place tells nothing of which incident a report is about.
REGION_WORDS = frozenset("""sea seas ocean gulf strait peninsula""".split())
WORLD_REGIONS = frozenset(
    """middle east|far east|near east|north africa|east africa|west africa|horn of africa
    |central asia|south asia|southeast asia|east asia|latin america|central america
    |eastern europe|western europe|persian gulf|arabian peninsula""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
# Words that make a name a venue ("Pulse Nightclub", "Magnet Bottle Shop"): a place where a
# shooting happens, which reports name as they name a street. ("lounge" is among the
# NOT_PERSON_WORDS, which are checked first.)
VENUE_WORDS = frozenset(
    """nightclub club bar restaurant grill shop store market motel hotel inn""".split()
)
# Short forms in the names of streets and areas, read as the full word when grouping compares
# them ("Roth Forest Ln." is "Roth Forest Lane", "Forsyth Co." is "Forsyth County").
AREA_ABBREVIATIONS = {
    "st": "street", "ave": "avenue", "av": "avenue", "rd": "road", "ln": "lane", "dr": "drive",
    "blvd": "boulevard", "co": "county", "twp": "township", "pkwy": "parkway", "hwy": "highway",
    "ct": "court", "pl": "place", "cir": "circle", "n": "north", "s": "south", "e": "east",
    "w": "west", "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "mt": "mount", "ft": "fort",
}  # fmt: skip
# Words the area finder sometimes keeps after an area's name ("Pasadena Saturday", "Homewood
# shooting", "Habersham County Sheriff's"): not part of the name.
AREA_TRAILING_WORDS = frozenset(WEEKDAYS) | frozenset(
    """shooting shootings morning night afternoon evening today tonight area sheriff
    police nightclub club bar lounge restaurant""".split()
)
# Words that make a name found in a story a body, a day or page furniture rather than a
# person ("Crime Stoppers", "Cincinnati Children", "Christmas Eve", "Related Headlines").
NOT_PERSON_WORDS = frozenset(
    """crime stoppers hotline press associated corporation division unit services department
    police hospital medical health center children memorial school schools academy
    elementary university college metro patrol enforcement investigation team force office
    public safety christmas caption image contact related story headlines photo copyright
    rights reserved loading daily news radio media chronicle journal
    honda toyota nissan chevrolet chevy dodge buick pontiac chrysler hyundai kia lexus acura
    cadillac jeep gmc mazda subaru volkswagen infiniti mitsubishi oldsmobile taurus explorer
    mustang impala malibu altima camry corolla accord civic charger
    assault murder homicide shooting robbery burglary violation year-old samaritan images
    maps google lords flight copy link number sun-times express-news sentinel corp
    industries lounge playground trauma sciences resources productions donuts
    sheriff commission disciples officers witness association project conservation fisheries
    control responders manslaughter conduct weapon possession jury firearm reading comments
    stories interested weather alert facts fund pending depot dollar mart journal-constitution
    post-gazette labor thanksgiving halloween
    affairs navy ministry embassy consulate parliament committee government""".split()
)

# Words of an event, a headline or a body that a capitalised run holding them is not a
# person's name for, however many were killed in its sentence ("Girl Killed In Pager Attack
# Is Mourned", "Consulate Bombing", "Kherson Oblast", "Emergency Services").
EVENT_NAME_WORDS = frozenset(
    """killed dies died dead mourned attack attacks bombing bombings strike strikes airstrike
    airstrikes explosion blast massacre raid oblast administration institute federation
    kingdom emergency situations stream kitchen""".split()
)

# Common English short forms of given names, to the full name: "Joe Silva" is "Joseph Silva"
# when the family name agrees too. Only forms that stand for one full name are listed.
NICKNAMES = {
    "joe": "joseph", "joey": "joseph", "bill": "william", "billy": "william", "will": "william",
    "willie": "william", "bob": "robert", "bobby": "robert", "rob": "robert", "robbie": "robert",
    "mike": "michael", "mikey": "michael", "jim": "james", "jimmy": "james", "tom": "thomas",
    "tommy": "thomas", "chris": "christopher", "dave": "david", "danny": "daniel",
    "dan": "daniel", "matt": "matthew", "tony": "anthony", "steve": "steven",
    "stephen": "steven", "nick": "nicholas", "andy": "andrew", "pat": "patrick",
    "rick": "richard", "ricky": "richard", "rich": "richard", "eddie": "edward", "ed": "edward",
    "ken": "kenneth", "kenny": "kenneth", "larry": "lawrence", "tim": "timothy",
    "jeff": "jeffrey", "greg": "gregory", "alex": "alexander", "ben": "benjamin",
    "sam": "samuel", "jon": "jonathan", "charlie": "charles", "chuck": "charles",
    "kate": "katherine", "katie": "katherine", "kathy": "katherine", "liz": "elizabeth",
    "beth": "elizabeth", "jenny": "jennifer", "jen": "jennifer", "sue": "susan",
    "debbie": "deborah", "becky": "rebecca", "abby": "abigail", "vicky": "victoria",
    "don": "donald", "donny": "donald", "ron": "ronald", "ronnie": "ronald", "ray": "raymond",
    "fred": "frederick", "walt": "walter", "hank": "henry", "vince": "vincent",
    "zach": "zachary", "josh": "joshua", "jake": "jacob", "drew": "andrew", "doug": "douglas",
    "russ": "russell", "stan": "stanley", "marty": "martin", "manny": "manuel",
    "gabe": "gabriel", "pam": "pamela", "cindy": "cynthia", "peggy": "margaret",
    "barb": "barbara", "deb": "deborah", "patty": "patricia",
    "johnny": "john", "jack": "john", "bobbie": "robert", "willy": "william",
}  # fmt: skip

# --- Name rules (extract/names.py, extract/people.py) -------------------------------------
# One given name in its Ukrainian, Russian and English forms: sources romanise one person
# from either language ("Volodymyr" / "Vladimir"), which no spelling rule can bridge. Each
# line is one name; spellings that only differ in vowels or y/i are joined by folding anyway.
GIVEN_NAME_FORMS = tuple(
    frozenset(line.split())
    for line in """
    volodymyr vladimir
    oleksandr aleksandr alexander
    oleksiy oleksii aleksei alexei alexey
    mykola nikolai nikolay nicholas
    serhiy serhii sergei sergey
    yuriy yurii yuri
    hryhoriy grigory grigori
    ihor igor
    andriy andrii andrei andrey andrew
    mykhailo mikhail michael
    petro pyotr peter
    pavlo pavel paul
    vasyl vasily vassili vasili
    dmytro dmitry dmitri
    yevhen yevgeny evgeny eugene
    heorhiy georgy georgiy george
    anatoliy anatoly
    oleh oleg
    olha olga
    olena yelena elena helen
    kateryna yekaterina ekaterina
    tetiana tatiana tatyana
    halyna galina
    iryna irina
    mariya maria
    yuliya yulia yuliia julia
    yaroslav jaroslav
    yana jana
    hennadiy hennadii gennady gennadiy gennadi
    bohdan bogdan
    vadym vadim
    maksym maxim maksim
    denys denis
    kostiantyn kostyantyn konstantin
    borys boris
    liudmyla lyudmyla lyudmila ludmila
    nataliya natalia natalya
    svitlana svetlana
    valentyn valentin
    """.strip().splitlines()
)
# Capitalised words that open a run before a person's name but are never part of it: the body
# or post the person holds ("Interior Ministry Affairs", "United Nations ... Anna Petrenko").
NAME_LEAD_WORDS = frozenset(
    """united nations national regional federal state city military administration affairs
    enforcement security committee council ministry service services defence defense
    internal interior foreign emergency emergencies district oblast province agency
    parliament assembly commission police army forces navy
    ambassador envoy lawmaker representative commissioner ombudsman adviser advisor
    consul""".split()
)
# A place this large closing a run of three or more words is where the person spoke or
# lives, not their family name ("spokesman Hadi Saberi Tehran will respond"): a family name
# that is also a city of a million people is rare.
TRAILING_CITY_POPULATION = 1_000_000
# Generic words Arabic and Hebrew place names open with ("Deir" monastery, "Beit" house,
# "Kafr" village, "Ain" spring, "Wadi" valley, "Ras" cape): a run "Deir al-..." that looks
# like an Arabic personal name is a town.
# A kind of place right after a name makes the name a place's ("the Nabi Yunus district",
# "Jabalia camp"): no person's name is followed by one.
PLACE_AFTER_NAME = PLACE_TYPE_WORDS | frozenset(
    """neighbourhood neighborhood area camp town city province region governorate suburb
    quarter roundabout square plant factory printing warehouse depot refinery mall hotel
    supermarket shelter""".split()
)
PLACE_NAME_HEADS = frozenset(
    """deir dayr beit bayt kafr kfar ain ein wadi ras bir nahr jabal jebel marj majdal
    khirbet tell khan qasr""".split()
)

# --- Count words (issue 15.6: counting) --------------------------------------------------
# Kept apart from the lists above, which other fact families share.

# "the toll had risen as high as 122" reached the figure, like "as many as" (a lower bound).
LOWER_BOUND_QUALIFIERS_MORE = frozenset({"as high as"})

# Plural nouns for people that news about strikes and attacks counts, beyond PERSON_NOUNS:
# "10 foreigners were killed", "three medics were wounded", "killed five journalists".
MORE_PERSON_NOUNS = frozenset(
    """foreigners nationals migrants refugees journalists reporters medics paramedics
    doctors nurses staff employees staffers personnel volunteers tourists visitors
    marines sailors airmen combatants guardsmen teachers pupils villagers farmers
    fishermen shepherds herders mourners spectators fans players athletes prisoners
    detainees hostages inmates citizens settlers adolescents minors siblings parents
    grandchildren twins engineers translators interpreters technicians contractors
    foreigner national migrant refugee journalist reporter medic paramedic doctor nurse
    employee staffer volunteer tourist visitor marine sailor airman combatant guardsman
    teacher pupil villager farmer fisherman shepherd herder mourner spectator fan player
    athlete prisoner detainee hostage inmate citizen settler adolescent minor sibling
    parent twin engineer translator interpreter technician contractor guests guest shoppers
    shopper attendees attendee patients patient miners miner labourers labourer laborers
    laborer demonstrators demonstrator commuters commuter diners diner revellers reveller
    worshippers worshipper pilgrims pilgrim""".split()
)

# Nouns of people a strike or attack kills as a whole group, not as a part of it: "two
# children were killed" is the toll (two), while "two commanders were killed" may be a part
# of it (SUBSET_NOUNS). Reports name the victims by age, sex or status when those are all.
WHOLE_GROUP_NOUNS = frozenset(
    """child children kid kids boy boys girl girls woman women civilian civilians student
    students bystander bystanders""".split()
)

# Words of the noun after "number of" that say which toll it is: "the number of dead",
# "the number of injured", "the number of Belgorod residents killed".
TOLL_KILLED_WORDS = frozenset(
    """dead deaths death killed died victims fatalities lives martyrs bodies""".split()
)
TOLL_WOUNDED_WORDS = frozenset("""injured wounded hurt injuries wounds""".split())
