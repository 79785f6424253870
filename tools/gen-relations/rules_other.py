# Roles and based_in.

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Roles
"""))

# Title words before a name: capitalised words joined by "and", "," or "&", never ", and"
# (which starts the next person of a list).
TITLEWORDS = "((<Cap>|-) (,|and|&)?)"

rel("role-possessive-title", "role",
    f"{{affiliation: country|organization}} ' s {TITLEWORDS}{{0,8}} {{person: person+title}}",
    """COUNTRY|ORG 's <Title words> PERSON: "Saudi Arabia's Industry and Mineral Resources Minister
Bandar bin Ibrahim AlKhorayef".""",
    [ex("Saudi Arabia's Industry and Mineral Resources Minister Bandar bin Ibrahim AlKhorayef spoke.", ["role person=person:bandar-bin-ibrahim-alkhorayef affiliation=country:SA title=Industry_and_Mineral_Resources_Minister"]),
     ex("It was signed by Ken Saito, Japan's Economy, Trade and Industry Minister, and Bandar bin Ibrahim AlKhorayef, Saudi Arabia's Industry Minister.", ["role person=person:bandar-bin-ibrahim-alkhorayef affiliation=country:SA"], ["role person=person:bandar-bin-ibrahim-alkhorayef affiliation=country:JP"]),
     ],
    attributes={"title": "{person.title}"})

rel("role-demonym-title", "role",
    f"{{affiliation: country|organization}} {TITLEWORDS}{{0,6}} {{person: person+title}}",
    """COUNTRY|ORG <Title words> PERSON: "Japanese Prime Minister Fumio Kishida", "BHP Chief
Executive Mike Henry".""",
    [ex("Japanese Prime Minister Fumio Kishida arrived.", ["role person=person:fumio-kishida affiliation=country:JP"]),
     ex("Japan and Saudi Arabia met; Minister Ken Saito spoke.", [], ["role person=person:ken-saito affiliation=country:SA"]),
     ],
    attributes={"title": "{person.title}"})

rel("role-appositive", "role",
    "{person: person+title} , (the|a|an)? ({affiliation: country|organization} ' s ~4 | ~5 (of|at|for) (the)? {affiliation: country|organization})",
    """PERSON, COUNTRY's <title> | PERSON, <title> of ORG: "Ken Saito, Japan's industry minister",
"Mike Henry, chief executive of BHP".""",
    [ex("Ken Saito, Japan's industry minister, said so.", ["role person=person:ken-saito affiliation=country:JP"]),
     ex("Jane Roe, chief executive of Glencore, said so.", ["role person=person:jane-roe affiliation=organization:glencore"]),
     ],
    attributes={"title": "{person.title}"})

rel("role-known-person", "role",
    "@office-title (of (the)? <Cap> (and <Cap>)?)? (@honorific)? {person: person+title}",
    """A person the gazetteer knows, named with an office of state: the gazetteer's country is the
affiliation ("Economy, Trade and Industry Minister Ken Saito" -> Japan). Not executives: the
country of "chief executive Kent Masters" is not what he acts for.""",
    [ex("The memorandum was signed by Economy, Trade and Industry Minister Ken Saito.", ["role person=person:ken-saito affiliation=country:JP"]),
     ex("Albemarle, led by chief executive Kent Masters, said so.", [], ["role person=person:kent-masters affiliation=country:US"]),
     ex("The Union Cabinet chaired by Prime Minister Shri Narendra Modi approved the mission.", ["role person=person:narendra-modi affiliation=country:IN"]),
     ex("The Mission will be run under Union Minister of Coal and Mines Shri G. Kishan Reddy.", ["role person=person:g-kishan-reddy affiliation=country:IN"]),
     ex("Resources Minister Madeleine King and Treasurer Jim Chalmers will work on the design.", ["role person=person:jim-chalmers affiliation=country:AU", "role person=person:madeleine-king affiliation=country:AU"]),
     ],
    args={"affiliation": "country:{person.country}"}, attributes={"title": "{person.title}"})

rel("role-appositive-office", "role",
    "{person: person} , (then|now|currently|formerly|former|the|a|an)? (former|then)? ({affiliation: country|organization} ' s (<word>|-|,|and){0,5} ({t: @office-noun} | {t: @exec-title}) | (<word>|-){0,3} ({t: @office-noun} | {t: @exec-title}) (of|at|for) (the)? {affiliation: country|organization} (<punct>|@np-end))",
    """PERSON, (then)? COUNTRY's <...> minister | PERSON, (a)? <...> chief executive|vice-president of
ORG, for a person named without a title before the name: "Bahlil Lahadalia, then Indonesia's
investment minister", "Tony Sage, chief executive of Critical Metals", "Maros Sefcovic, a
vice-president of the European Commission". Only offices and executive titles ("a shareholder
of Glencore" is not a role), and the name after "of" must end there: "vice-president of the
Canadian Lake Carriers Association" is not a Canadian office.""",
    [ex("Bahlil Lahadalia, then Indonesia's investment minister, defended the ban.", ["role person=person:bahlil-lahadalia affiliation=country:ID"]),
     ex("Tony Sage, chief executive of Critical Metals Corp., has called it large.", ["role person=person:tony-sage affiliation=organization:critical-metals"]),
     ex("The memorandum was signed by Maros Sefcovic, a vice-president of the European Commission, in Belgrade.", ["role person=person:maros-sefcovic affiliation=organization:european-commission"]),
     ex("Ivan Testov, a shareholder of Glencore, said so.", [], ["role person=person:ivan-testov"]),
     ex("George Testmiller, vice-president of the Canadian Lake Carriers Association, said so.", [], ["role person=person:george-testmiller affiliation=country:CA"]),
     ],
    attributes={"title": "{person.title}|{t}"})

rel("role-appositive-its-office", "role",
    "{person: person} , {affiliation: ^refer-its-country} (<word>|-|,|and){0,4} {t: @office-noun}",
    """PERSON, its|the country's <...> prime minister|president: the country that is the subject of
the sentence before ("Greenland is a self-governing part of Denmark. Mute B. Egede, its prime
minister, has said ..."); nothing when that subject is a company or a person.""",
    [ex("Greenland is a self-governing part of the Kingdom of Denmark. Mute B. Egede, its prime minister, has said the island is open for business.", ["role person=person:mute-b-egede affiliation=country:GL"], ["role person=person:mute-b-egede affiliation=country:DK"]),
     ex("Mali has been ruled by a military government since 2020. Colonel Assimi Goita, the country's transitional president, has pushed foreign miners.", ["role person=person:assimi-goita affiliation=country:ML"]),
     ex("Glencore said it would sell the mine. Jane Roe, its president, said so.", [], ["role person=person:jane-roe"]),
     ],
    attributes={"title": "{person.title}|{t}"})

rel("role-office-main-country", "role",
    "( {c2: country} (' s | -)? (<word>|-|and|of){0,5} | {c2: organization} (' s)? (<Cap>|-|and|of){0,5} | {pl: place} (' s | -)? (<Cap>|-|and|of){0,5} | <Cap> (<Cap>|-|,|and|of){0,5} )? {aff: ^refer-office-main} (@honorific)? {person: person+title} (of {c3: country})?",
    """<Title words> Minister PERSON with no country before it: the person's country in the gazetteer,
else the country the article names most ("SANTIAGO - Chile's ... The leases are held by
Corfo, the state development agency that reports to Economy Minister Nicolas Grau"). A
country or organization before the title gives that one instead, as role-demonym-title does
(a place, its country).
A country after the name ("Energy Minister Javier Espinosa of Ecuador") comes first. Only
offices of state: a company has a president or a treasurer, not a minister. On the Reuters
dev set about four in five are right; the rest are foreign ministers in a story that names
another country most.""",
    [ex("Chile wants control of lithium. Chile will decide. The leases are held by Corfo, the agency that reports to Economy Minister Nicolas Testgrau.", ["role person=person:nicolas-testgrau affiliation=country:CL"]),
     ex("Chile and Peru met. Economy Minister Nicolas Testgrau spoke.", [], ["role person=person:nicolas-testgrau"]),
     ex("Chile wants control of lithium. Chile will decide. Peruvian Energy Minister Oscar Testvera spoke.", ["role person=person:oscar-testvera affiliation=country:PE"], ["role person=person:oscar-testvera affiliation=country:CL"]),
     ex("Chile wants control of lithium. Chile will decide. Prime Minister Anthony Albanese spoke.", ["role person=person:anthony-albanese affiliation=country:AU"], ["role person=person:anthony-albanese affiliation=country:CL"]),
     ex("Japan will buy more. Japan will decide. Still, South Korean trade minister Rha Woong Testbae said Korea would hold firm.", ["role person=person:rha-woong-testbae affiliation=country:KR"], ["role person=person:rha-woong-testbae affiliation=country:JP"]),
     ex("Venezuela wants higher prices. Venezuela will decide. The talks are led by Energy Minister Javier Testinosa of Ecuador.", ["role person=person:javier-testinosa affiliation=country:EC"], ["role person=person:javier-testinosa affiliation=country:VE"]),
     ex("Indonesia will build a terminal. Indonesia will pay. It lies south of Singapore, Research and Technology Minister Yusuf Testbibie said.", ["role person=person:yusuf-testbibie affiliation=country:ID"], ["role person=person:yusuf-testbibie affiliation=country:SG"]),
     ],
    args={"affiliation": "country:{person.country}|{c3}|{c2}|country:{pl.country}|{aff}"}, attributes={"title": "{person.title}"})

rel("role-led-by", "role",
    "{affiliation: organization} (\"(\" <any>{1,6} \")\")? (,)? (which is|which was|is|was|has been|had been|now)? (now|also)? (led|founded|co-founded|headed|chaired|run) by (its|the)? ({title: @exec-title} (and {title2: @exec-title})?)? {person: person}",
    """ORG (, now)? (led|founded|headed) by (chief executive)? PERSON: "Albemarle, led by chief
executive Kent Masters", "OZ Minerals had been led by chief executive Andrew Cole", "Ivanhoe,
founded by Robert Friedland".""",
    [ex("Albemarle, led by chief executive Kent Masters, said it would not proceed.", ["role person=person:kent-masters affiliation=organization:albemarle title=chief_executive"]),
     ex("Syrah Resources, led by managing director and chief executive Shaun Testverner, has studied an expansion.", ["role person=person:shaun-testverner affiliation=organization:syrah-resources"]),
     ex("Ivanhoe Mines, founded by Robert Friedland, had looked for a partner.", ["role person=person:robert-friedland affiliation=organization:ivanhoe-mines"]),
     ex("The copper was mined by Robert Friedland.", [], ["role"]),
     ],
    attributes={"title": "{person.title}|{title}"})

rel("role-whose-title-is", "role",
    "{affiliation: organization} (\"(\" <any>{1,6} \")\")? , whose ({title: @exec-title} | <word>{1,3}) (is|was) {person: person}",
    """ORG, whose chief executive is PERSON.""",
    [ex("Lithium Americas, whose chief executive is Jonathan Evans, needed new loan terms.", ["role person=person:jonathan-evans affiliation=organization:lithium-americas title=chief_executive"])],
    attributes={"title": "{person.title}|{title}"})

rel("role-org-exec-name", "role",
    "{affiliation: organization} (' s)? (<word>|-){0,2} {title: @exec-title} {person: person}",
    """ORG('s)? (...) chief executive PERSON: "Teck chief executive Jonathan Price", "Rio Tinto's
chief executive Jakob Stausholm".""",
    [ex("Rio Tinto chief executive Jakob Stausholm has argued for lithium.", ["role person=person:jakob-stausholm affiliation=organization:rio-tinto title=chief_executive"])],
    attributes={"title": "{person.title}|{title}"})

rel("role-became-country-title", "role",
    "{person: person} (was|is|became|becomes|has been|had been|remains|served as) {affiliation: country} ' s ~4 @office-noun",
    """PERSON was|became COUNTRY's <...> prime minister: "when Scott Morrison was Australia's prime
minister", "Takaichi became Japan's first female prime minister".""",
    [ex("The plan was launched in 2022 when Scott Morrison was Australia's prime minister.", ["role person=person:scott-morrison affiliation=country:AU"])],
    attributes={"title": "{person.title}"})

rel("role-country-office-comma-person", "role",
    "{affiliation: country} ' s (<word>|-){1,4} @office-noun , (<Cap>){0,3} {person: person}",
    """COUNTRY's <...> leader, PERSON: "Guinea's military leader, General Mamadi Doumbouya".""",
    [ex("Guinea's military leader, General Mamadi Doumbouya, backed the project.", ["role person=person:mamadi-doumbouya affiliation=country:GN"])],
    attributes={"title": "{person.title}"})

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Where organizations are based
"""))

PARENO = '("(" <any>{1,8} ")")?'

rel("based-in-appositive", "based_in",
    f"{{organization: organization}} {PARENO} , (a|an|the) (<word>|-|{{mineral}}){{0,3}} {{country: country}} ( - (based|headquartered|owned|controlled|run) (<word>|-|{{mineral}}){{0,3}} | (<word>|{{mineral}}) (<word>|-|{{mineral}}){{0,3}} )? @org-noun",
    """ORG, (a|the) (...) COUNTRY (...) firm: "Manara Minerals Investment Co., a Saudi firm",
"Peabody Energy, a U.S. coal miner", "JOGMEC (...), a Japanese state agency".""",
    [ex("Manara Minerals Investment Co., a Saudi firm that invests abroad, signed.", ["based_in organization=organization:manara-minerals-investment-co country=country:SA"]),
     ex("Glencore, a Swiss commodity trader and miner, agreed.", ["based_in organization=organization:glencore country=country:CH"]),
     ex("Ivanhoe Electric, a U.S. mineral exploration company, agreed.", ["based_in organization=organization:ivanhoe-electric country=country:US"]),
     ex("India joined the Minerals Security Partnership, a U.S.-led group of countries.", [], ["based_in"]),
     ],
    )

rel("based-in-demonym-noun-formerly", "based_in",
    "(the|a|an) {country: country} (<word>|-|{mineral}){0,3} @org-noun , (formerly|previously|once|now|also)? (known as|called|named) {organization: organization}",
    """the COUNTRY (...) firm, formerly known as ORG: "the Canadian miner, formerly known as Barrick
Gold".""",
    [ex("Under the settlement, the Canadian miner, formerly known as Barrick Gold, will pay the state.", ["based_in organization=organization:barrick-gold country=country:CA"]),
     ex("Under the settlement, the Canadian miner, which sold its stake to Barrick Gold, will pay.", [], ["based_in"]),
     ])

rel("based-in-appositive-owned-by", "based_in",
    f"{{organization: organization}} {PARENO} , (a|an|the) (<word>|-){{0,3}} (owned|controlled|run|backed|held) by (the)? ({{country: country}} | {{country: country}} ' s)",
    """ORG, a company owned|controlled by (the)? COUNTRY ...: "CAMYEN, a company owned by the
Argentine province of Catamarca", "SMSP, a company controlled by New Caledonian interests".""",
    [ex("Codelco, a company owned by the Chilean state, agreed.", ["based_in organization=organization:codelco country=country:CL"])])

rel("based-in-part-of", "based_in",
    f"{{organization: organization}} {PARENO} , (part|a part) of {{country: country}} ' s",
    """ORG, part of COUNTRY's ...: "Uranium One Group, part of Russia's state nuclear corporation".""",
    [ex("Vale Canada, part of Brazil's Vale, sold shares.", ["based_in organization=organization:vale-canada country=country:BR"])])

rel("based-in-part-of-place", "based_in",
    f"{{organization: organization}} {PARENO} , (part|a part|a unit|a subsidiary|a division|an arm|the mining arm|the arm|the unit|the investment arm) of {{place: place}} ' s",
    """ORG, the mining arm of PLACE's ...: the place's country ("IRH, the mining arm of Abu Dhabi's
International Holding Company").""",
    [ex("Rio Tinto, a unit of Melbourne's richest investor, bought it.", ["based_in organization=organization:rio-tinto country=country:AU"])],
    args={"country": "country:{place.country}"})

rel("based-in-possessive", "based_in",
    "{country: country} ' s ( (<word>|-|{mineral}){0,4} @org-noun | (@org-premod|-){0,3} ) {organization: organization}",
    """COUNTRY's (state-owned | state copper company)? ORG: "Japan's JOGMEC", "Chile's state copper
company Codelco", "China's state-owned Minmetals" (not "Japan's partnership with Lynas").""",
    [ex("Australia's Lynas Rare Earths won a contract.", ["based_in organization=organization:lynas-rare-earths country=country:AU"]),
     ex("Chile's state copper company Codelco signed.", ["based_in organization=organization:codelco country=country:CL"]),
     ex("Japan's partnership with Lynas Rare Earths grew.", [], ["based_in"]),
     ],
    )

rel("based-in-possessive-place", "based_in",
    "{place: place} ' s ( (<word>|-|{mineral}){0,4} @org-noun | (@org-premod|-){0,3} ) {organization: organization}",
    """PLACE's ORG: the place's country ("Abu Dhabi's International Holding Company").""",
    [ex("Melbourne's BHP agreed.", ["based_in organization=organization:bhp country=country:AU"])],
    args={"country": "country:{place.country}"})

rel("based-in-possessive-appositive", "based_in",
    "{country: country} ' s (<word>|-|{mineral}){0,4} @org-noun , (the)? {organization: organization}",
    """COUNTRY's regulator, the ORG: "Chile's financial regulator, the Comision para el Mercado
Financiero".""",
    [ex("It went to Chile's state miner, Codelco, for help.", ["based_in organization=organization:codelco country=country:CL"])])

rel("based-in-reverse-appositive", "based_in",
    f"{{organization: organization}} {PARENO} , {{country: country}} ' s ( (<word>|-|{{mineral}}){{0,4}} @org-noun | @org-premod )",
    """ORG, COUNTRY's (...) company: "ZCCM Investments Holdings (ZCCM-IH), Zambia's state mining
investment company".""",
    [ex("Codelco, Chile's state copper company, agreed.", ["based_in organization=organization:codelco country=country:CL"])])

rel("based-in-demonym-noun", "based_in",
    "{country: country} (-)? (<word>|-|{mineral}){0,4} @org-noun (,|led by|owned by|controlled by|such as|including|like)? {organization: organization}",
    """COUNTRY (...) firm ORG: "Chinese battery maker CATL", "U.S. lithium producer Albemarle",
"another Chinese group, Sinomine", "Korean battery makers such as LG Energy Solution".""",
    [ex("Chinese battery maker CATL signed a deal.", ["based_in organization=organization:contemporary-amperex-technology country=country:CN"]),
     ex("U.S. lithium producer Albemarle has scrapped its bid.", ["based_in organization=organization:albemarle country=country:US"]),
     ],
    )

rel("based-in-pair-the-two-demonym", "based_in",
    "{organization: organization} (and|&) {organization} (<word>|<punct>|{mineral}|{place}|{country}|{region}){0,24} , (the|both) (two|three)? {country: country} (<word>|-|{mineral}){0,3} @org-nouns",
    """ORG and ORG ..., the two COUNTRY companies (said): the first of the pair ("Orocobre and
Galaxy Resources will combine ..., the two Australian lithium producers said").""",
    [ex("Orocobre and Galaxy Resources will combine in an all-share merger, the two Australian lithium producers said.", ["based_in organization=organization:allkem country=country:AU"]),
     ex("Orocobre and Galaxy Resources will sell lithium to Chinese buyers.", [], ["based_in"]),
     ])

rel("based-in-pair-the-two-demonym-second", "based_in",
    "{organization} (and|&) {organization: organization} (<word>|<punct>|{mineral}|{place}|{country}|{region}){0,24} , (the|both) (two|three)? {country: country} (<word>|-|{mineral}){0,3} @org-nouns",
    """The second of the pair.""",
    [ex("Orocobre and Galaxy Resources will combine in an all-share merger, the two Australian lithium producers said.", ["based_in organization=organization:galaxy-resources country=country:AU"])])

rel("based-in-demonym-noun-list-second", "based_in",
    "{country: country} (-)? (<word>|-|{mineral}){0,4} @org-noun (such as|including|like|,) {organization} (,|and) {organization: organization}",
    """The second of "Korean battery makers such as A, B and C".""",
    [ex("Korean battery makers such as LG Energy Solution, Samsung SDI and SK On relied on China.", ["based_in organization=organization:samsung-sdi country=country:KR"])])

rel("based-in-demonym-noun-list-third", "based_in",
    "{country: country} (-)? (<word>|-|{mineral}){0,4} @org-noun (such as|including|like|,) {organization} (,|and) {organization} ,? and {organization: organization}",
    """The third of "Korean battery makers such as A, B and C".""",
    [ex("Korean battery makers such as LG Energy Solution, Samsung SDI and SK On relied on China.", ["based_in organization=organization:sk-on country=country:KR"])])

PLURAL_ORG = "(companies|firms|groups|miners|producers|makers|manufacturers|carmakers|automakers|refiners|smelters|traders|suppliers|developers|banks|lenders|investors|units|subsidiaries)"

rel("based-in-demonym-plural-list-second", "based_in",
    f"{{country: country}} (-)? (<word>|-|{{mineral}}){{0,4}} {PLURAL_ORG} {{organization}} (,|and) {{organization: organization}}",
    """The second of "Indian state-owned companies A, B and C" (a plural company noun, no "such as").
A singular noun names one company: "Chinese battery maker CATL and Tesla" says nothing of Tesla.""",
    [ex("The venture belongs to the Indian state-owned companies National Aluminium Company, Hindustan Copper and Mineral Exploration and Consultancy Limited.", ["based_in organization=organization:hindustan-copper country=country:IN"]),
     ex("Chinese battery maker CATL and Tesla signed a deal.", [], ["based_in organization=organization:tesla"]),
     ])

rel("based-in-demonym-plural-list-third", "based_in",
    f"{{country: country}} (-)? (<word>|-|{{mineral}}){{0,4}} {PLURAL_ORG} {{organization}} (,|and) {{organization}} ,? and {{organization: organization}}",
    """The third of "Indian state-owned companies A, B and C".""",
    [ex("The venture belongs to the Indian state-owned companies National Aluminium Company, Hindustan Copper and Mineral Exploration and Consultancy Limited.", ["based_in organization=organization:mineral-exploration-and-consultancy-limited country=country:IN"])])

rel("based-in-x-based", "based_in",
    "{country: country} - (based|headquartered|born) (<word>|-|{mineral}){0,4} {organization: organization}",
    """COUNTRY-based ORG: "U.S.-based Alcoa".""",
    [ex("U.S.-based Alcoa agreed to sell its stake.", ["based_in organization=organization:alcoa country=country:US"])])

rel("based-in-place-based", "based_in",
    "{place: place} - (based|headquartered) (<word>|-|{mineral}){0,4} {organization: organization}",
    """PLACE-based ORG: the place's country ("Vancouver-based Filo", "Melbourne-headquartered BHP").""",
    [ex("Melbourne-headquartered BHP agreed in December to pay.", ["based_in organization=organization:bhp country=country:AU"])],
    args={"country": "country:{place.country}"})

rel("based-in-headquartered", "based_in",
    "{organization: organization} , (which is|which has its headquarters|is)? (based|headquartered) in ~3 {country: country}",
    """ORG, (which is)? based in COUNTRY: "Eramet, headquartered in France, runs the mine".""",
    [ex("Eramet, headquartered in France, runs the mine.", ["based_in organization=organization:eramet country=country:FR"])])

rel("based-in-headquartered-place", "based_in",
    "{organization: organization} , (which is|which has its headquarters|is)? (based|headquartered) in ((<word>|{place}) ,)? {place: place}",
    """ORG, (which is)? based in (CITY,)? PLACE: the place's country ("Piedmont, which is based in
Belmont, North Carolina"; the state, when the city is one the gazetteer does not know).""",
    [ex("Sayona, an Australian company, and Piedmont Lithium, which is based in Belmont, North Carolina, agreed to merge.", ["based_in organization=organization:piedmont-lithium country=country:US"]),
     ex("Glencore, which has an office in London, agreed.", [], ["based_in organization=organization:glencore"]),
     ],
    args={"country": "country:{place.country}"})

rel("based-in-of-country", "based_in",
    "{organization: organization} of {country: country} (<punct>|and|in|to|for|has|have|said)",
    """ORG of COUNTRY: "LG Energy Solution of South Korea".""",
    [ex("Liontown agreed to supply Tesla, LG Energy Solution of South Korea and Ford.", ["based_in organization=organization:lg-energy-solution country=country:KR"])])

rel("based-in-where", "based_in",
    "{country: country} , where (the)? (<word>|-){0,3} {organization: organization} (\"(\" <any>{1,6} \")\")? (produces|mines|operates|runs|owns|holds|is|has|makes|refines|controls)",
    """COUNTRY, where ORG produces ...: "Zambia, where Zambia Consolidated Copper Mines produces cobalt".""",
    [ex("Together with Zambia, where state miner Zambia Consolidated Copper Mines produces cobalt, the region leads.", ["based_in organization=organization:zambia-consolidated-copper-mines country=country:ZM"])])

rel("based-in-country-state-company", "based_in",
    "{country: country} (<word>|<punct>|{mineral}|{place}){0,16} (the|its) (state|state-owned|state-run|national) (<word>|-|{mineral}){0,2} @org-noun ,? {organization: organization}",
    """COUNTRY ... the state company ORG: "Kazakhstan is the largest producer of uranium, most of it
mined by the state company Kazatomprom".""",
    [ex("Chile is the biggest copper producer, much of it mined by the state company Codelco.", ["based_in organization=organization:codelco country=country:CL"])])

rel("based-in-state-noun", "based_in",
    "( {c2: country} (' s | -)? | {pl: place} (' s | -)? )? {st: ^refer-state} (-)? (<word>|-|{mineral}){0,3} @org-noun ,? {organization: organization}",
    """state (copper) miner ORG, with no country before it: the state is the country the article
names most ("SANTIAGO - Chile ... State copper miner Codelco was put in charge"). A country or
place before it gives that country instead ("Chinese state-owned miner CMOC" in a story about
Congo is Chinese).""",
    [ex("Chile wants control of lithium. Chile will decide. State copper miner Codelco was put in charge of talks.", ["based_in organization=organization:codelco country=country:CL"]),
     ex("Congo wants more from its mines. Congo has asked for talks. Chinese state-owned miner CMOC agreed.", ["based_in organization=organization:cmoc country=country:CN"], ["based_in organization=organization:cmoc country=country:CD"]),
     ex("State copper miner Codelco was put in charge of talks.", [], ["based_in"]),
     ],
    args={"country": "country:{pl.country}|{c2}|{st}"})

rel("based-in-appositive-state", "based_in",
    f"{{organization: organization}} {PARENO} , (the|a|an) (<word>|-){{0,2}} {{country: ^refer-state-subject}} (-)? (<word>|-|{{mineral}}){{0,3}} @org-noun",
    """ORG, the state(-controlled) company: the country that is the subject of the sentence, of the
one before or of the lead ("Kazakhstan is the biggest producer of uranium through Kazatomprom,
the state-controlled company"; "when Japanese trading house Sojitz and the Japan Oil, Gas and
Metals National Corporation, the state agency ..." is Japanese in a story about China).""",
    [ex("Kazakhstan hosted the talks. Kazakhstan is the biggest producer of uranium through Kazatomprom, the state-controlled company.", ["based_in organization=organization:kazatomprom country=country:KZ"]),
     ex("Chile wants control of lithium. Chile will decide. The leases are held by Corfo, the state development agency.", ["based_in organization=organization:corporacion-de-fomento-de-la-produccion country=country:CL"]),
     ex("Chile wants control of lithium. Chile will decide. Albemarle, a Chinese state-owned company, agreed.", [], ["based_in organization=organization:albemarle country=country:CL"]),
     ex("China cut exports. China said so. In 2011 Japanese trading house Sojitz and the Japan Organization for Metals and Energy Security, the state agency, agreed to lend.", ["based_in organization=organization:japan-organization-for-metals-and-energy-security country=country:JP"], ["based_in organization=organization:japan-organization-for-metals-and-energy-security country=country:CN"]),
     ])

rel("based-in-appositive-double-demonym", "based_in",
    f"{{organization: organization}} {PARENO} , (the|an|a) ({{country: country}} - {{country}} | {{country}} - {{country: country}}) (<word>|-|{{mineral}}){{0,3}} @org-noun",
    """ORG, the COUNTRY-COUNTRY miner: both countries ("Rio Tinto, the Anglo-Australian miner").""",
    [ex("The memorandum was signed by the European Commission. Rio Tinto, the Anglo-Australian miner, says Jadar could yield lithium.", ["based_in organization=organization:rio-tinto country=country:GB", "based_in organization=organization:rio-tinto country=country:AU"], ["based_in organization=organization:european-commission"]),
     ])

NAMEWORD = "(<word>|<punct>|-|'|{mineral}|{organization}|{place})"

rel("based-in-name-starts-with-country", "based_in",
    f"{{country: country}} {NAMEWORD}+",
    """A name that begins with a country or its demonym: "Saudi Arabian Mining Company", "China
Baowu Steel Group", "U.S. Department of Energy". Matched against the whole name (`within`):
"Lithium Chile Inc." does not begin with Chile, and a name with two countries ("Japan
Australia Rare Earths") says nothing.""",
    [ex("Saudi Arabian Mining Company agreed.", ["based_in organization=organization:saudi-arabian-mining-company country=country:SA"]),
     ex("Lithium Chile Inc. explores in Chile.", [], ["based_in organization=organization:lithium-chile-inc"]),
     ex("Anglo American sold it.", [], ["based_in organization=organization:anglo-american"]),
     ],
    within="organization")

rel("based-in-name-of-country", "based_in",
    f"{NAMEWORD}+ (of|de|del|da|do|du|para) (the|la|el)? {{country: country}}",
    """A name that ends in "of COUNTRY": "Export-Import Bank of the United States", "Sociedad Química y
Minera de Chile", "Litio para México".""",
    [ex("The Export-Import Bank of the United States lent it money.", ["based_in organization=organization:export-import-bank-of-the-united-states country=country:US"])],
    within="organization")

rel("based-in-name-starts-with-place", "based_in",
    f"{{place: place}} {NAMEWORD}+",
    """A name that begins with a state or province: the place's country ("Zhejiang Huayou Cobalt",
"Jiangxi Copper"). Not a city: an exchange, a port or a railway is named after the city it
serves ("London Metal Exchange", "Lobito Atlantic Railway"), which the text does not say is
its home. Matched against the whole name (`within`).""",
    [ex("Zhejiang Huayou Cobalt will build the plant.", ["based_in organization=organization:zhejiang-huayou-cobalt country=country:CN"]),
     ex("Winning International Group backs the mine.", [], ["based_in organization=organization:winning-international-group"]),
     ex("Tin trading on the London Metal Exchange was suspended.", [], ["based_in"]),
     ],
    args={"country": "country:{place.country}{place.kind=state/province}"},
    within="organization")


rel("based-in-the-x-based-company", "based_in",
    "{organization: ^refer-the-subject} {country: country} - (based|headquartered) (<word>|-){0,2} @refer-org-noun",
    """the COUNTRY-based company: the company the sentence before was about ("Glencore said ... The
Swiss-based company owns 49% of Koniambo Nickel").""",
    [ex("Glencore said the plant lost money. The Swiss-based company owns half of it.", ["based_in organization=organization:glencore country=country:CH"])])

rel("based-in-the-place-based-company", "based_in",
    "{organization: ^refer-the-subject} {place: place} - (based|headquartered) (<word>|-){0,2} @refer-org-noun",
    """the PLACE-based company: as above, in the place's country ("the London-based miner").""",
    [ex("Anglo American turned to Teck. The London-based miner had fought off BHP.", ["based_in organization=organization:anglo-american country=country:GB"]),
     ex("Lithium Americas completed its acquisition of Millennial Lithium, ending a contest in which the Vancouver-based developer outbid CATL.", ["based_in organization=organization:lithium-americas country=country:CA"]),
     ex("Chile said it would sell. The Vancouver-based developer declined to comment.", [], ["based_in country=country:CA"]),
     ],
    args={"country": "country:{place.country}"})

rel("based-in-the-x-y-company-first", "based_in",
    "{organization: ^refer-the-subject} {country: country} - {country} (<word>|-){0,2} @refer-org-noun",
    """the COUNTRY-COUNTRY company, the first country: a double demonym names both ("Rio Tinto agrees
deal. ... the Anglo-Australian miner" -> GB and AU).""",
    [ex("Rio Tinto agreed to buy Arcadium. The deal makes the Anglo-Australian miner a lithium producer.", ["based_in organization=organization:rio-tinto country=country:GB"])])

rel("based-in-the-x-y-company-second", "based_in",
    "{organization: ^refer-the-subject} {country} - {country: country} (<word>|-){0,2} @refer-org-noun",
    """the COUNTRY-COUNTRY company, the second country.""",
    [ex("Rio Tinto agreed to buy Arcadium. The deal makes the Anglo-Australian miner a lithium producer.", ["based_in organization=organization:rio-tinto country=country:AU"]),
     ex("Rio Tinto agreed to buy Arcadium. The deal makes the Anglo-Australian miner a lithium producer.", [], ["based_in organization=organization:arcadium-lithium"]),
     ])
