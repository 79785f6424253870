# Agreement rules. Macros: PT (a party), LIST (parties), APPOS, AUX, VS (status verb), VH.

def PT0(r="parties", types=E):
    """A party: "U.S.-based Alcoa", "Canada's Teck", "Canadian miner Teck", "a consortium led by
    Chinalco", "Mexican units of Ganfeng", bare "Teck"; an acronym in brackets after it.
    The optional prefix is tried first, so "Canadian miner Lundin Mining" is Lundin Mining.
    Before it, "Congo's state miner, Gecamines" (the name after the comma, not the country; when
    that name is no known entity, no party rather than the country); after it, "Mali's military
    government" (the country)."""
    gov = (f" | (the)? {{{r}: country}} ' s (<word>|-){{0,2}} (government|administration|authorities|junta|cabinet)"
           if "country" in types.split("|") else "")
    return (
        f"( {{country|organization}} ' s (<word>|-|{{mineral}}){{1,3}} , (the)? {{{r}: {types}}} {PAREN}"
        f" | {{country|organization}} ' s (<word>|-|{{mineral}}){{1,3}} , (the)? <Cap> (<Cap>)+"
        f" | (the)? ( (a|an)? {{country|place}} - (based|headquartered|owned|controlled|listed|backed|led|born|run) (<word>|-|{{mineral}}){{0,4}}"
        f" | {{country|organization|place}} ' s (<word>|-|{{mineral}}){{0,3}}"
        f" | (a|an)? ({{country}} (-)?)? (<word>|-|{{mineral}}){{0,4}} @org-noun (of|led by|owned by|controlled by|headed by|run by)? (the)?"
        f" | {{country}} )?"
        f" {{{r}: {types}}} {PAREN}{gov} )"
    )


PT = PT0  # every party slot uses the full form


# "with British and German interests", "with U.S. firms": no party (a demonym names no party).
DEMNOUN = "(the)? {country} ((,|and|&) {country})* (<word>|-){0,3} @org-nouns (<punct>|@np-end|<Cap>)"


def PTS(r="parties", types=E):
    """A party further down a list: "Canada's Teck", bare "Teck"."""
    return f"(the)? ({{country|organization|place}} ' s)? {{{r}: {types}}} {PAREN}"


def PT_SUBJ(r="parties", types=E):
    """A subject party, also as "another Chinese group, Sinomine Resource Group," (a descriptor,
    the name between commas)."""
    return (f"( (a|an|another)? ({{country}} (-)?)? (<word>|-|{{mineral}}){{0,4}} @org-noun , {{{r}: {types}}} {PAREN} ,"
            f" | {PT(r, types)} )")


def LIST(r="parties", n=3, types=E, first=None):
    """n parties at most: the first two with descriptors and appositives, the rest plain. A
    later item may be "U.S. firms" (a demonym and a company noun), which names no party."""
    tail = ""
    for i in range(n - 1, 0, -1):
        item = f"{PT(r, types)} {APPOS_A}" if i == 1 else PTS(r, types)
        tail = f"( {SEP} ( {DEMNOUN} | {item} ) {tail} )?"
    return f"{(first or PT)(r, types)} {APPOS_A} {tail}"


def LIST2(r="parties", n=3, types=E):
    """At least two parties."""
    tail = ""
    for i in range(n - 1, 1, -1):
        tail = f"( {SEP} {PTS(r, types)} {tail} )?"
    return f"{PT_SUBJ(r, types)} {APPOS_A} {SEP} {PT(r, types)} {APPOS_A} {tail}"


APPOS = ("(, (a|an|the|led|run|headed|owned|controlled|backed|formerly|which|who|whose|through|"
         "part|one|now|known|based|headquartered|chaired|itself|its|majority|state|for|in|after|with|under) " + NC + "* ,)?")
SAYIT = "((said|says|announced|confirmed|disclosed|reported) (on <Cap>)? (that)? (it|they) )?"
REL = "((,)? (which|that|who))?"
SUBJ = lambda n=3: f"{LIST('parties', n, first=PT_SUBJ)} {APPOS} {REL} {SAYIT} {AUX}"
SUBJ2 = lambda n=3: f"{LIST2('parties', n)} {APPOS} {REL} {SAYIT} {AUX}"
SUBJ1 = f"{PT_SUBJ()} {APPOS} {REL} {SAYIT} {AUX}"
DET = "(a|an|the|its|their|two|three|several|new|first|a new|a further|another|an initial|a final|a preliminary|a landmark|a draft)?"
BUYMOD = ("( {modality: @modality} (have|has|be)? | {fut: @future-deal-body} (also)? | {agr: @agreed-word} ~5 to"
          " | {ctl: @control-phrase} ~8 (by|when (it|they)|after (it|they)) )?")
STB = "{cancel}|{modality}|{fut}|{agr}|{bv}"

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Agreements: signed, agreed, planned, in talks
"""))

rel("agreement-parties-verb-kind", "agreement",
    f"{SUBJ2(6)} {VS} {DET} ~5 ( {{kind: @generic-kind}} ((for|to form|to set up|setting up|to create|creating|establishing|to establish|on) (a|an|the|their)? ~3 {{inner: @venture-kind}} | {{inner: @combine-kind}})? | {{kind: @agreement-kind}} ) (~8 with ({DEMNOUN} | {LIST('parties', 5)}))?",
    """PARTY and PARTY (...) APPOS AUX VERB (a|the ...) ~5 KIND (~8 with PARTIES)?: "Japan and Saudi
Arabia have signed a memorandum", "A, a Saudi firm, and B have also signed a memorandum of
understanding", "Codelco and SQM signed the definitive agreement for a partnership" (a
generic word, then the kind it is for). One party and no "with" makes no agreement, and
no frame that would catch later sentences.""",
    [ex("Japan and Saudi Arabia have signed a memorandum on mining.", ["agreement parties=country:JP,country:SA kind=memorandum status=signed"]),
     ex("Japan and Saudi Arabia plan to sign a memorandum on mining.", ["agreement parties=country:JP,country:SA status=proposed"], ["agreement status=signed"]),
     ex("Japan and Saudi Arabia did not sign a memorandum.", [], ["agreement status=signed"]),
     ex("The United States and Japan signed an agreement. Katherine Tai and Koichi Tomita, Japan's ambassador to the United States, signed the agreement.", ["agreement parties=country:US,country:JP signatories=person:koichi-tomita"]),
     ex("Peru, Chile, Bolivia and Argentina will sign a lithium accord next month.", ["agreement parties=country:PE,country:CL,country:BO,country:AR kind=accord status=proposed"]),
     ex("Codelco and SQM have signed the definitive agreement for a partnership in the Atacama.", ["agreement parties=organization:codelco,organization:sociedad-quimica-y-minera-de-chile kind=partnership status=signed"]),
     ex("Chile and Peru signed a memorandum of understanding to form a strategic partnership.", ["agreement parties=country:CL,country:PE kind=memorandum status=signed"], ["agreement kind=partnership"]),
     ex("Sayona Mining Limited (ASX: SYA) and Piedmont Lithium Inc. today announced a definitive agreement to combine the two companies in an all-stock merger of equals.", ["agreement parties=organization:sayona-mining,organization:piedmont-lithium kind=acquisition status=agreed"], ["agreement kind=agreement"]),
     ex("Glencore and Xstrata signed an agreement to merge their zinc units.", ["agreement parties=organization:glencore,organization:xstrata kind=acquisition"]),
     ex("Barrick and Mali's military government have reached an agreement to end a dispute.", ["agreement parties=organization:barrick-gold,country:ML kind=agreement status=agreed"]),
     ex("Barrick and Mali's gold mines have reached record output.", [], ["agreement"]),
     ex("Japan and the United States agreed to a compact on clean energy.", ["agreement parties=country:JP,country:US kind=agreement status=agreed"]),
     ],
    attributes={"kind": "{inner}|{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-parties-verb-named-kind", "agreement",
    f"{SUBJ2(6)} {VS} (on <Cap>|on <word>|in <Cap>|last <word>|this <word>)? (to|on|upon)? (a|an|the) (<Cap>|,|and|&|-|{{mineral}}|{{region}}|{{organization}}){{2,12}} {{kind: @agreement-kind}}",
    """PARTIES VERB (on Saturday)? (to)? a Named Title Of Several Words KIND: an agreement with a
long capitalised name ("The United States and Australia agreed on Saturday to a Climate,
Critical Minerals and Clean Energy Transformation Compact"), longer than the gap of
agreement-parties-verb-kind.""",
    [ex("The United States and Australia agreed on Saturday to a Climate, Critical Minerals and Clean Energy Transformation Compact.", ["agreement parties=country:US,country:AU kind=agreement status=agreed"]),
     ex("The United States and Australia agreed on Saturday to a Climate, Critical Minerals and Clean Energy Transformation Compact.", [], ["agreement kind=pact"]),
     ex("Chile and Peru signed the Andean Lithium and Copper Development Accord.", ["agreement parties=country:CL,country:PE kind=accord status=signed"]),
     ex("Chile and Peru agreed on the need for more mining and better roads in the Andes.", [], ["agreement kind=accord"]),
     ],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-party-verb-kind-with", "agreement",
    f"{SUBJ1} {VS} {DET} ~5 ( {{kind: @generic-kind}} ((for|to form|to set up|setting up|to create|creating|establishing|to establish|on) (a|an|the|their)? ~3 {{inner: @venture-kind}} | {{inner: @combine-kind}})? | {{kind: @agreement-kind}} ) ~8 with ({DEMNOUN} | {LIST('parties', 5)})",
    """PARTY APPOS AUX VERB (a|the ...) ~5 KIND ~8 with PARTIES: "Chile signed a framework agreement
with the European Union", "X plans to sign an offtake agreement with Y". A demonym with a
company noun ("with British and German interests") names no party.""",
    [     ex("Chile signed a framework agreement with the European Union on lithium.", ["agreement parties=country:CL,organization:european-union kind=agreement status=signed minerals=mineral:lithium"]),
     ex("Australia's Lynas Rare Earths inked an offtake agreement on Friday with Japanese trading house Sojitz.", ["agreement parties=organization:lynas-rare-earths,organization:sojitz kind=offtake status=signed"]),
     ex("Albemarle said on Tuesday it had signed a supply agreement with Tesla.", ["agreement parties=organization:albemarle,organization:tesla kind=supply_deal status=signed"]),
     ex("Kenya has signed an agreement with British and German interests to set up a shipping line.", [], ["agreement"]),
     ex("The transaction was cleared after Tianqi Lithium reached an out-of-court agreement with Chile's antitrust prosecutor, the Fiscalia Testnacional Economica.", [], ["agreement parties=country:CL"]),
     ex("Zijin Mining reached an agreement with Congo's state miner, Gecamines, on royalties.", ["agreement parties=organization:zijin-mining,organization:gecamines kind=agreement"], ["agreement parties=country:CD"]),
     ex("Glencore signed a supply agreement with Chile's Codelco.", ["agreement parties=organization:glencore,organization:codelco kind=supply_deal"], ["agreement parties=country:CL"]),
     ex("Madagascar extended its exploration agreement with the U.S. firm Amoco for 17 months.", [], ["agreement parties=country:US"]),
     ex("Madagascar extended its exploration agreement with the U.S. Firm Amoco Corp for 17 months.", ["agreement parties=country:MG,organization:firm-amoco status=extended"], ["agreement parties=country:US"]),
     ex("Glencore is in talks to sign a joint venture with Vale.", ["agreement parties=organization:glencore,organization:vale kind=joint_venture status=negotiating"], ["agreement status=signed"]),
     ],
    attributes={"kind": "{inner}|{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-capital-verb-kind-with", "agreement",
    f"{{cap: place}} {AUX} {VS} {DET} ~5 {{kind: @agreement-kind}} ~8 with ({DEMNOUN} | {LIST('parties', 4)})",
    """CAPITAL AUX VERB ~5 KIND ~8 with PARTIES: a national capital that signs stands for its country
("Seoul signed a memorandum of understanding with Tanzania"); any other city says nothing.""",
    [ex("On the sidelines of the summit, Seoul signed a memorandum of understanding on critical minerals with Tanzania.", ["agreement parties=country:KR,country:TZ kind=memorandum status=signed"]),
     ex("Shanghai signed a cooperation agreement with Chile.", [], ["agreement"]),
     ],
    args={"parties": "country:{cap.country}{cap.capital=yes}"},
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-party-and-verb-kind-with", "agreement",
    f"{SUBJ1} (<word>|<punct>|{{country}}|{{place}}|{{mineral}}|{{region}}){{1,14}} (and|, and) (in <word>)? {AUX} {VS} {DET} ~5 {{kind: @agreement-kind}} ~8 with ({DEMNOUN} | {LIST('parties', 4)})",
    """PARTY <first verb phrase> and (in 2022)? VERB ~5 KIND ~8 with PARTIES: the second verb of a
subject ("KABIL holds lithium blocks in Argentina and in 2022 signed a memorandum of
understanding with Australia's Critical Minerals Office"). No company between: "Chile
buys from Codelco and signed ..." is not read across a company that may be the subject.""",
    [ex("Khanij Bidesh India Ltd holds lithium exploration blocks in Argentina and in 2022 signed a memorandum of understanding with Australia's Critical Minerals Office.", ["agreement parties=organization:khanij-bidesh-india-ltd,organization:critical-minerals-office kind=memorandum status=signed"]),
     ex("Glencore said prices fell and Codelco signed a supply agreement with Tesla.", [], ["agreement parties=organization:glencore,organization:tesla"]),
     ],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-parties-verb-kinds", "agreement",
    f"{SUBJ2(6)} {VS} {DET} ~5 {{kind: @agreement-kinds}}",
    """PARTIES AUX VERB ~5 KINDS: "Japan and India signed three memoranda" is one fact.""",
    [ex("India and Chile signed two memoranda on copper.", ["agreement parties=country:IN,country:CL kind=memorandum status=signed"])],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-plural-with-first", "agreement",
    f"{SUBJ1} ({VS} {DET} ~5 {{kind: @agreement-kinds}} | {VH} {DET} ~5 @agreement-kinds) ~10 with {PT()}",
    """PARTY VERB KINDS ~10 with PARTY: "The EU signed memorandums with Congo and with
Zambia", "X signs deals with A and B": one deal with each; this rule finds the first.""",
    [ex("The European Union signed memorandums on raw materials with Chile and with Peru.",
        ["agreement parties=organization:european-union,country:CL kind=memorandum", "agreement parties=organization:european-union,country:PE kind=memorandum"],
        ["agreement parties=organization:european-union,country:CL,country:PE"])],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-plural-with-second", "agreement",
    f"{SUBJ1} ({VS} {DET} ~5 {{kind: @agreement-kinds}} | {VH} {DET} ~5 @agreement-kinds) ~10 with (the)? {{country|organization}} ~5 (,|and|, and) (also)? (with)? {PT()}",
    """The second party of "signed deals with A and (with) B".""",
    [ex("Japan signs mining deals with Chile and Peru.", ["agreement parties=country:JP,country:PE status=signed"], ["agreement parties=country:JP,country:CL,country:PE"])],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-plural-with-third", "agreement",
    f"{SUBJ1} ({VS} {DET} ~5 {{kind: @agreement-kinds}} | {VH} {DET} ~5 @agreement-kinds) ~10 with (the)? {{country|organization}} ~5 (,|and|, and) (with)? (the)? {{country|organization}} ~5 (,|and|, and) (with)? {PT()}",
    """The third party of "signed deals with A, B and C".""",
    [ex("Japan signed mining deals with Chile, Peru and Bolivia.", ["agreement parties=country:JP,country:BO status=signed"])],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-headline", "agreement",
    f"{LIST('parties', 4)} {AUX} {VH} {DET} ~5 ({{kind: @strict-kind}} | @loose-kind) (~8 with ({DEMNOUN} | {LIST('parties', 4)}))?",
    """PARTIES VERB-H ~5 KIND (with PARTIES)?: headlines in the present tense, "X, Y sign MoU
on lithium", "EU and Kazakhstan agree raw materials partnership". A loose headline word
(deal, pact, partnership, framework) gives no kind, so the body's "memorandum" wins.""",
    [ex("Japan, Saudi Arabia sign MoU on mining investment", ["agreement parties=country:JP,country:SA kind=memorandum status=signed"]),
     ex("EU and Chile agree raw materials partnership", ["agreement parties=organization:european-union,country:CL kind=agreement status=agreed"]),
     ex("Chile and Japan sign copper pact. Chile and Japan signed a memorandum of understanding on Monday.", ["agreement parties=country:CL,country:JP kind=memorandum status=signed"], ["agreement kind=agreement"]),
     ],
    attributes={"kind": "{kind}", "status": "{status}"})

rel("agreement-kind-between", "agreement",
    f"({{status: @cancel-verb}} (a|an|the|its|their)? ~3 | {{status: @pending}} (of)? (a|an|the|its|their)? ~3 | {{status: @seek-verb}} (a|an|the|its|their)? ~3)? ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}}) (signed|agreed|reached|struck|concluded|set up|formed)? (between|among) ({DEMNOUN} | {LIST('parties', 6)}) ( (<word>|<punct>|{{mineral}}|{{region}}){{0,8}} {{inforce: @in-force}} )?",
    """(CANCEL ~3)? KIND (signed)? between PARTIES (... took effect)?: "a memorandum of understanding
between Japan and Saudi Arabia", "cancelled a joint venture between YLB and Germany's ACI";
"The free-trade agreement between the EU and Chile took effect" is in force (signed).""",
    [ex("The memorandum of understanding between Japan and Saudi Arabia matters.", ["agreement parties=country:JP,country:SA kind=memorandum"]),
     ex("Problems have delayed the finalising of contracts between Codelco and Glencore.", ["agreement parties=organization:codelco,organization:glencore status=negotiating"], ["agreement status=agreed"]),
     ex("Delays hit contracts between Codelco and U.S. firms for equipment.", [], ["agreement"]),
     ex("The minister will seek a memorandum of understanding between Britain and Japan on fraud.", ["agreement parties=country:GB,country:JP status=proposed"], ["agreement status=agreed"]),
     ex("Peru cancelled a joint venture between Codelco and Canada's Teck Resources.", ["agreement parties=organization:codelco,organization:teck-resources kind=joint_venture status=cancelled"], ["agreement parties=country:CA"]),
     ex("The free-trade agreement between the European Union and Chile took effect on Saturday.", ["agreement parties=organization:european-union,country:CL kind=agreement status=signed"]),
     ex("The free-trade agreement between the European Union and Chile is under review.", ["agreement parties=organization:european-union,country:CL kind=agreement"], ["agreement status=signed"]),
     ],
    attributes={"kind": "{kind}", "status": "{status}|{inforce}"})

rel("agreement-hyphen-pair-kind", "agreement",
    f"{{parties: country|organization}} - {{parties: country|organization}} (<Cap>|-|{{mineral}}|critical|minerals|mineral|raw|materials|trade|free|free-trade|investment|mining|cooperation|economic|strategic|supply|chain|energy|clean|security|comprehensive|advanced|interim|bilateral|new|landmark|rare|earths|battery|metals){{0,6}} {{kind: @agreement-kind}} ( (, ~10 ,)? (was|were|has been|had been|is|are)? ({{st: @sign-verb}} | {{st: @in-force}} | {{st: @cancel-verb}}) )?",
    """PARTY-PARTY (...) KIND: an agreement named after its two parties ("the EU-Chile Advanced
Framework Agreement entered into force", "the U.S.-Japan Critical Minerals Agreement"); in
force or signed when a verb after it says so, else agreed. Only title words and the usual
modifiers (critical minerals, free-trade, raw materials ...) between: "U.S.-Japan trade rose
after the agreement" is none.""",
    [ex("The EU-Chile Advanced Framework Agreement entered into force in February.", ["agreement parties=organization:european-union,country:CL kind=agreement status=signed"]),
     ex("The U.S.-Japan critical minerals agreement covers five minerals.", ["agreement parties=country:US,country:JP kind=agreement status=agreed"]),
     ex("U.S.-Japan trade rose after the agreement.", [], ["agreement"]),
     ],
    attributes={"kind": "{kind}", "status": "{st}|agreed"})

rel("agreement-venture-of", "agreement",
    f"{{kind: @venture-kind}} (of|owned by|formed by|set up by|created by) {LIST('parties', 4)}",
    """VENTURE of PARTIES: "Simfer, a joint venture of Rio Tinto and a Chinese consortium led
by Chinalco": the venture exists, so it is signed.""",
    [ex("The mine belongs to a joint venture of BHP and a Chinese consortium led by China Minmetals.", ["agreement parties=organization:bhp,organization:china-minmetals kind=joint_venture status=signed"])],
    attributes={"kind": "{kind}", "status": "signed"})

rel("agreement-venture-of-government", "agreement",
    f"{{kind: @venture-kind}} (of|between|owned by|formed by) {{parties: ^refer-government}} and {PT()}",
    """VENTURE of the government and PARTY: "Debswana, the 50-50 joint venture of the government and
De Beers": the government is the country the article names most.""",
    [ex("Botswana and De Beers agreed a deal. The stones come from Debswana, the 50-50 joint venture of the government and De Beers.", ["agreement parties=country:BW,organization:de-beers kind=joint_venture status=signed"]),
     ex("The mine belongs to a joint venture of the government and De Beers.", [], ["agreement"]),
     ],
    attributes={"kind": "{kind}", "status": "signed"})

rel("agreement-agree-to-cooperate", "agreement",
    f"{LIST2('parties', 12)} {APPOS} {AUX} {{modality: @modality}}? (agreed|agree|agrees|pledged|pledge|vowed|vow|signed up|committed|promised|decided) to (cooperate|collaborate|work together|work jointly|partner|team up|join forces|pair up|jointly) (~16 {{regions: region}})?",
    """PARTIES (have)? agreed to (cooperate|work together|...): "Japan and Saudi Arabia have
agreed to cooperate on ...": an agreement whose kind a later sentence may give.""",
    [ex("Japan and Saudi Arabia have agreed to cooperate on mining abroad.", ["agreement parties=country:JP,country:SA kind=agreement status=agreed"]),
     ex("Japan and Saudi Arabia have agreed to cooperate on investing in mines abroad, with Africa singled out as the priority.", ["agreement parties=country:JP,country:SA regions=region:africa"]),
     ex("The EU, the United States, Angola and Zambia agreed to work together on a rail corridor.", ["agreement parties=organization:european-union,country:US,country:AO,country:ZM"]),
     ],
    attributes={"status": "{modality}|agreed"})

rel("agreement-in-a-kind-parties", "agreement",
    f"(in|under|through|with) (a|an|the) (separate|new|second|further|joint|landmark|broader|related|linked|parallel)? ~2 {{kind: @agreement-kind}} , {LIST2('parties', 12)} {APPOS} {AUX} (agreed|signed|pledged|committed|undertook|vowed|promised|will|agree|sign)",
    """In a separate KIND, PARTIES agreed ...: "In a separate memorandum, the EU, the United
States, Angola ... agreed to work together": the document exists, so it is signed.""",
    [ex("In a separate memorandum, the European Union, Angola and Zambia agreed to upgrade a railway.", ["agreement parties=organization:european-union,country:AO,country:ZM kind=memorandum status=signed"])],
    attributes={"kind": "{kind}", "status": "signed"})

rel("agreement-possessive-kind-with", "agreement",
    f"{{parties: country|organization}} ' s ~3 ({{kind: @deal-kind}} | {{kind: @agreement-kinds}}) with (the)? ( {PT('parties', 'organization')} | {{parties: country}} (<punct>|on|over|to|in|for|that|which|signed|was|is|covering) )",
    """PARTY's (...) KIND with PARTY: "BHP's offtake agreement with Tesla", "X's deal with Y". Not
"partnership": "Japan's partnership with Lynas" names a relationship, not a deal. A country
after "with" must end the phrase ("contracts with Chinese and Russian groups" is no party).""",
    [ex("Tesla's offtake agreement with Albemarle runs to 2030.", ["agreement parties=organization:tesla,organization:albemarle kind=offtake"]),
     ex("Bolivia's lithium contracts with Chinese and Russian groups await lawmakers", [], ["agreement"]),
     ],
    attributes={"kind": "{kind}"})

rel("agreement-demonym-officials-agreed", "agreement",
    f"{{parties: country}} (' s)? (<Cap>|-|,|and)* {{person}} (, {NC}* ,)? and {{parties: country}} (' s)? (<Cap>|-|,|and)* {{person}} (, {NC}* ,)? {AUX} {{modality: @modality}}? (agreed|agree|agrees|pledged|pledge|vowed) (on|to)",
    """COUNTRY <title> PERSON and COUNTRY <title> PERSON agreed to ...: "U.S. Commerce
Secretary Gina Raimondo and Chinese Commerce Minister Wang Wentao agreed to set up a
working group": the countries are the parties.""",
    [ex("U.S. Commerce Secretary Gina Raimondo and Chinese Commerce Minister Wang Wentao agreed on Monday to set up a working group.", ["agreement parties=country:US,country:CN kind=agreement status=agreed"])],
    attributes={"status": "{modality}|agreed"})

rel("agreement-talks", "agreement",
    f"{LIST('parties', 4)} {APPOS} (are|is|were|was|have been|has been|remain|remained)? (still)? {{status: @talks}} ~8 (with {PT()} ~6)? ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}})",
    """PARTIES (are)? in talks ~8 (with PARTY)? KIND: "Indonesia and the United States are in talks
on a critical minerals agreement".""",
    [ex("Indonesia and the United States are in talks on a critical minerals agreement.", ["agreement parties=country:ID,country:US status=negotiating"], ["agreement status=signed"])],
    attributes={"kind": "{kind}", "status": "{status}"})

rel("agreement-talks-failed", "agreement",
    f"(talks|negotiations|discussions) (between|with) {LIST('parties', 4)} ~6 ({{kind: @agreement-kind}} ~4)? {{status: @talks-failed}}",
    """(talks) between PARTIES ~6 (KIND)? collapsed: "Talks between Glencore and Teck on a merger
collapsed".""",
    [ex("Talks between Glencore and Teck Resources on a merger collapsed in April.", ["agreement parties=organization:glencore,organization:teck-resources status=cancelled"], ["agreement status=signed"])],
    attributes={"kind": "{kind}|agreement", "status": "{status}"})

rel("agreement-denied", "agreement",
    f"{PT()} (has|have|had)? {{status: @deny-verb}} (signing|having signed|that it signed|it had signed|any)? (a|an|the)? ~4 {{kind: @agreement-kind}} (~6 with {PT()})?",
    """PARTY denied (signing)? KIND (with PARTY)?: "Zambia denied signing a deal with ...".""",
    [ex("Zambia denied signing a deal with Glencore.", ["agreement parties=country:ZM,organization:glencore status=denied"], ["agreement status=signed"])],
    attributes={"kind": "{kind}", "status": "{status}"})

rel("agreement-deal-gives-access", "agreement",
    f"{{kind: @agreement-kind}} (that|which) {{modality: @modality}}? (have)? (give|given|gives|gave|grant|granted|grants|hand|handed|hands) (the)? {PT()} (a|an)? ~2 (share|stake|access|rights|cut|part) ~8 {PT()}",
    """KIND that (would) give PARTY a share of ~8 PARTY: "a framework agreement that would have
given the United States a share of revenue from Ukraine's resources".""",
    [ex("A minerals deal that would have given the United States a share of revenue from Ukraine's resources was left unsigned.", ["agreement parties=country:US,country:UA status=proposed"], ["agreement status=signed"])],
    attributes={"kind": "{kind}", "status": "{modality}|agreed"})

rel("agreement-joined", "agreement",
    f"{{parties: country}} {AUX} (joined|joins|join|signed up to|signs up to|became a member of|becomes a member of|acceded to|accedes to) (the)? ({{organization}} | ~3 {{kind: @agreement-kind}})",
    """COUNTRY joined (the)? ORGANIZATION|KIND: "India has joined the Minerals Security
Partnership": the member is added to the most recent partnership the article speaks of.""",
    [ex("India joins Minerals Security Partnership. The partnership was launched in 2022 by the United States, Australia and Japan.",
        ["agreement parties=country:IN,country:US,country:AU,country:JP kind=partnership status=agreed"])],
    attributes={"kind": "{kind}|partnership", "status": "agreed"}, frame="attach")

rel("agreement-launched-by", "agreement",
    f"(the|this|that|its) ~3 {{kind: @agreement-kind}} (, ~10 ,)? (was|were|had been|has been) ({{status: @agree-verb}} | {{status: @sign-verb}} | founded) ~6 by {LIST('parties', 12)}",
    """the KIND was (launched|signed|...) ~6 by PARTIES: fills the frame the article opened
("the partnership" is one spoken of before), or opens one.""",
    [ex("The partnership was launched in June 2022 by the United States, Australia, Canada and the European Commission.", ["agreement parties=country:US,country:AU,country:CA,organization:european-commission kind=partnership status=agreed"])],
    attributes={"kind": "{kind}", "status": "{status}"}, frame="attach")

rel("agreement-attach-status", "agreement",
    f"(the|this|that) ~3 {{kind: @agreement-kind}} (, ~10 ,)? (was|were|had been|has been|is|are) ({{status: @sign-verb}} | {{status: @agree-verb}}) (on|in|at|by|last|earlier)?",
    """the KIND was signed|agreed: sets the status of the frame before (a definite "the
memorandum" speaks of one already named).""",
    [ex("Chile and Peru agreed to cooperate on lithium. The memorandum was signed in Lima.", ["agreement parties=country:CL,country:PE kind=memorandum status=signed"])],
    attributes={"kind": "{kind}", "status": "{status}"}, frame="attach")

rel("agreement-under-kind-with", "agreement",
    f"{SUBJ1} (,)? (<word>|,){{0,3}} (under|through|via) (a|an|its|their|the) (own|existing|separate|new|long-term)? ~3 ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}}) with {PT()}",
    """PARTY (works|operates)? under (its own)? KIND with PARTY: "Albemarle operates under its own
contract with Corfo": the agreement is in force.""",
    [ex("Albemarle operates under its own contract with Codelco that runs until 2043.", ["agreement parties=organization:albemarle,organization:codelco kind=contract status=signed"])],
    attributes={"kind": "{kind}", "status": "signed"})

# "X, a consortium of A, B and C, which won ...": the consortium won, not C. Tried first, as
# the match that starts earliest.
WON_SUBJ = (f"( {PT()} , (a|an|the) (<word>|-){{0,2}} (consortium|group|venture|joint venture|partnership|alliance)"
            f" (of|between|comprising|formed by|led by|owned by) ({NC}|,)* , (which|that) (has|have|had)? | {SUBJ1} )")

rel("agreement-won-from", "agreement",
    f"{WON_SUBJ} (won|wins|was awarded|has been awarded|were awarded|received|secured|obtained|got|signed) (a|an|the) ~5 ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}}) from ({DEMNOUN} | {PT()})",
    """PARTY (which)? won a KIND from PARTY: "Lobito Atlantic Railway, ..., which won a 30-year
concession from Angola".""",
    [ex("Trafigura, a commodity trader, won a 30-year concession from Angola in 2022.", ["agreement parties=organization:trafigura,country:AO kind=contract status=signed"]),
     ex("The railway is run by Lobito Atlantic Railway, a consortium of commodity trader Trafigura, Portuguese group Mota-Engil and Belgian rail operator Vecturis, which won a 30-year concession from Angola in 2022.", ["agreement parties=organization:lobito-atlantic-railway,country:AO kind=contract status=signed"], ["agreement parties=organization:vecturis"]),
     ],
    attributes={"kind": "{kind}", "status": "signed"})

rel("agreement-picked-partner", "agreement",
    f"{SUBJ1} (has|have)? (chose|chosen|picked|picks|pick|selected|selects|tapped|taps|named|names|chooses) {PT()} (as) (its|their|a|the)? (preferred|strategic|new)? (partner|partners)",
    """PARTY (chose|picked) PARTY as (its)? partner: a venture to be negotiated.""",
    [ex("Codelco has chosen Rio Tinto as its partner to develop a lithium project.", ["agreement parties=organization:codelco,organization:rio-tinto kind=joint_venture status=negotiating"])],
    attributes={"kind": "joint venture", "status": "negotiating"})

rel("agreement-attach-plan-to-sign", "agreement",
    f"(the two|both) (companies|sides|governments|countries|partners|firms) {{modality: @modality}} (sign|conclude|finalise|finalize|reach) (a|an|the) ~3 {{kind: @agreement-kind}}",
    """the two (companies|sides) plan to sign a KIND: the frame before is still being negotiated.""",
    [ex("Codelco has chosen Rio Tinto as its partner in lithium. The two companies plan to sign a binding agreement this year.", ["agreement parties=organization:codelco,organization:rio-tinto status=negotiating"])],
    attributes={"status": "negotiating"}, frame="attach")

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Who signed
"""))

PERS = "(({country|organization} ' s | {country|organization}) (<Cap>|-|,|and|of)*)? (<Cap>|-|,|and|of)* {signatories: person}"
APPP = f"(, {NC}* ,)?"

rel("agreement-signed-by", "agreement",
    f"{{kind: @agreement-kind}} ,? (which was|was|were|had been|has been)? signed (on <Cap> | on <word> | in <Cap> (<word>)? | last <word> | this <word> | at ~4 | in ~4)? by ~10 {{signatories: person}} (~30 and ~10 {{signatories: person}})? ((<any>)* (aims|aim|seeks|seek|is intended|is designed) to {{purpose: phrase}})?",
    """KIND (was)? signed by ~10 PERSON (and ~10 PERSON)?: names the signatories (and, through
their roles, the parties) of the agreement spoken of just before.""",
    [ex("Japan and Saudi Arabia agreed to cooperate on mining. The government memorandum was signed by Ken Saito, Japan's Economy, Trade and Industry Minister, and Bandar bin Ibrahim AlKhorayef, Saudi Arabia's Industry and Mineral Resources Minister.",
        ["agreement parties=country:JP,country:SA signatories=person:ken-saito,person:bandar-bin-ibrahim-alkhorayef kind=memorandum status=signed"]),
     ex("Japan and Saudi Arabia signed a memorandum. The memorandum, signed by Economy Minister Ken Saito and Industry Minister Bandar bin Ibrahim AlKhorayef, aims to foster investment in Africa.",
        ["agreement parties=country:JP,country:SA signatories=person:ken-saito,person:bandar-bin-ibrahim-alkhorayef regions=region:africa status=signed"]),
     ex("Chile and Peru agreed to cooperate on lithium, under a memorandum signed on Monday by Chilean Mining Minister Aurora Testwilliams and Peruvian Energy Minister Oscar Testvera.",
        ["agreement parties=country:CL,country:PE signatories=person:aurora-testwilliams,person:oscar-testvera kind=memorandum status=signed"]),
     # A witness named after the second signatory ("in the presence of") is not a signatory.
     ex("The European Union and Serbia signed a memorandum of understanding. The memorandum was signed by Maros Sefcovic, a vice-president of the European Commission, and Dubravka Testovic, Serbia's minister of mining, in the presence of German Chancellor Olaf Scholz and Serbian President Aleksandar Vucic.",
        ["agreement parties=organization:european-union,country:RS signatories=person:maros-sefcovic,person:dubravka-testovic"],
        ["agreement signatories=person:aleksandar-vucic", "agreement signatories=person:olaf-scholz"]),
     ],
    attributes={"kind": "{kind}", "status": "signed", "purpose": "{purpose}"}, frame="attach")

rel("agreement-persons-signed-the", "agreement",
    f"{PERS} {APPP} and {PERS} {APPP} {AUX} {{status: @sign-verb}} (the|this|that|their) ~3 ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}})",
    """PERSON and PERSON signed the KIND: the signatories of the agreement named before.""",
    [ex("Chile and Peru signed a memorandum on lithium. Chilean Mining Minister Aurora Testwilliams and Peruvian Energy Minister Oscar Testvera signed the memorandum in Lima.",
        ["agreement parties=country:CL,country:PE signatories=person:aurora-testwilliams,person:oscar-testvera kind=memorandum"]),
     ex("The United States and Japan signed an agreement. Katherine Tai and Koichi Tomita, Japan's ambassador, put their names to the Agreement on Critical Minerals.",
        ["agreement parties=country:US,country:JP signatories=person:katherine-tai,person:koichi-tomita kind=agreement status=signed"]),
     ],
    attributes={"kind": "{kind}", "status": "{status}"}, frame="attach")

rel("agreement-persons-signed-a", "agreement",
    f"{PERS} {APPP} and {PERS} {APPP} {AUX} ({VS} | {VH}) (a|an|two|three|new|a new) ~5 ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}})",
    """PERSON and PERSON signed a KIND: a new agreement; its parties are the signatories'
countries or organizations (their roles).""",
    [ex("Prime Minister Anthony Albanese and President Donald Trump signed a framework on critical minerals.",
        ["agreement parties=country:AU,country:US signatories=person:anthony-albanese,person:donald-trump kind=agreement status=signed"])],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"}, frame="new")

rel("agreement-person-signed-for", "agreement",
    f"{{signatories: person}} {AUX} signed (for|on behalf of) (the)? {{country|organization}} ,? (with|along with|together with|and|while) {PERS} {APPP} (,? and {PERS} {APPP})?",
    """PERSON signed for COUNTRY, with PERSON (, ...)? and PERSON: "Antony Blinken signed for the
United States, with Julien Paluku, Congo's industry minister, and ...".""",
    [ex("The United States signed a memorandum with Zambia. Secretary of State Antony Blinken signed for the United States, with Chipoka Testmulenga, Zambia's commerce minister.",
        ["agreement parties=country:US,country:ZM signatories=person:antony-blinken,person:chipoka-testmulenga kind=memorandum"])],
    attributes={"status": "signed"}, frame="attach")

rel("agreement-kind-person-signed-with", "agreement",
    f"{{kind: @agreement-kind}} (that|which)? {{signatories: person}} (had|has|have)? (signed|agreed|concluded|struck) with ({{parties: country}} (' s)? | <entity> | <Cap> | -){{0,6}} {{signatories: person}}",
    """KIND (that)? PERSON signed with (<title>)? PERSON: "a framework Trump signed with Australian
Prime Minister Anthony Albanese": another agreement, between their countries (the demonym
before the second signer, the country the gazetteer gives the first).""",
    [ex("President Donald Trump spoke in Tokyo. The text resembles a framework Trump signed with Australian Prime Minister Anthony Albanese last week.",
        ["agreement parties=country:US,country:AU signatories=person:donald-trump,person:anthony-albanese status=signed"])],
    attributes={"kind": "{kind}", "status": "signed"}, args={"parties": "country:{signatories.country}"}, frame="new")

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Agreements that end: scrapped, cancelled, withdrawn
"""))

rel("agreement-cancelled", "agreement",
    f"{SUBJ()} {{status: @cancel-verb}} (a|an|the|its|their|a planned|the planned)? ~8 ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}}) (~4 (with|for|of|to buy|to acquire|between|in) {PT()})?",
    """PARTIES AUX CANCEL (its)? ~8 KIND (~4 (with|for|of) PARTY)?: "Albemarle has scrapped its
A$6.6 billion takeover bid for Australian developer Liontown Resources", "Panama scrapped
the contract with First Quantum".""",
    [ex("Panama scrapped the contract with First Quantum Minerals.", ["agreement parties=country:PA,organization:first-quantum-minerals status=cancelled"]),
     ex("U.S. lithium producer Albemarle has scrapped its A$6.6 billion takeover bid for Australian developer Liontown Resources.", ["agreement parties=organization:albemarle,organization:liontown-resources kind=acquisition status=cancelled"], ["agreement parties=country:US"]),
     ],
    attributes={"kind": "{kind}", "status": "{status}"})

rel("agreement-cancelled-party-kind", "agreement",
    f"{SUBJ1} {{status: @cancel-verb}} (its|the|a)? {{parties: country|organization}} (' s)? (<word>|-|{{mineral}}){{0,3}} ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}} | @permit-word)",
    """PARTY CANCEL PARTY('s)? ~3 KIND: "Albemarle walks away from Liontown takeover", "Mexico
cancels Ganfeng's lithium concessions".""",
    [ex("Mexico cancels Ganfeng Lithium's lithium concessions in Sonora", ["agreement parties=country:MX,organization:ganfeng-lithium kind=contract status=cancelled"]),
     ex("Albemarle walks away from Liontown takeover", ["agreement parties=organization:albemarle,organization:liontown-resources kind=acquisition status=cancelled"]),
     ex("Serbia revoked Rio Tinto's lithium exploration licences in 2022.", ["agreement parties=country:RS,organization:rio-tinto kind=contract status=cancelled"]),
     ],
    attributes={"kind": "{kind}|contract", "status": "{status}"})

rel("agreement-government-cancelled-company-permits", "agreement",
    f"{{parties: ^refer-government}} {AUX} {{status: @cancel-verb}} (the)? {{parties: ^refer-org-noun}} ' s (<word>|-|{{mineral}}){{0,3}} @permit-word",
    """the government cancelled the company's permits: the country the article is about and the
company the sentence before was about ("Rio Tinto, the Anglo-Australian miner, says ... The
project stalled in 2022, when the government cancelled the company's permits").""",
    [ex("Serbia signed a memorandum. Serbia wants the mine. Rio Tinto says Jadar could yield lithium. The project stalled in January 2022, when the government cancelled the company's permits after protests.", ["agreement parties=country:RS,organization:rio-tinto kind=contract status=cancelled"]),
     ],
    attributes={"kind": "contract", "status": "{status}"})

rel("agreement-cancelled-held-by", "agreement",
    f"{SUBJ1} {{status: @cancel-verb}} ~5 ({{kind: @agreement-kind}} | {{kind: @agreement-kinds}} | permits | permit | licences | licenses | licence | license | rights) (held by|of|granted to|awarded to|owned by|belonging to|issued to) {PT()}",
    """PARTY CANCEL ~5 (KIND|permits|licences) held by PARTY: "Mexico has cancelled nine lithium
concessions held by Mexican units of Ganfeng Lithium".""",
    [ex("Mexico has cancelled nine lithium concessions held by Mexican units of Ganfeng Lithium.", ["agreement parties=country:MX,organization:ganfeng-lithium kind=contract status=cancelled"])],
    attributes={"kind": "{kind}|contract", "status": "{status}"})

rel("agreement-stripped-of", "agreement",
    f"{{parties: country|organization}} ~6 (stripping|stripped|strips|strip|stripping) {PT()} of (its|the|a|their)? ~4 (permit|permits|licence|licences|license|licenses|concession|concessions|rights|contract|contracts)",
    """PARTY ~6 stripped PARTY of ~4 (permit|licence|concession): a contract revoked.""",
    [ex("Niger strips Orano of uranium mining permit", ["agreement parties=country:NE,organization:orano kind=contract status=cancelled"])],
    attributes={"kind": "contract", "status": "cancelled"})

rel("agreement-joint-plan-cancelled", "agreement",
    f"{SUBJ2()} {{status: @cancel-verb}} (their|a|the|its|plans for a|plans for their)? (joint)? ~6 (plan|plans|project|proposal|refinery|plant|smelter|factory|scheme) (to|for|at|in)?",
    """PARTIES CANCEL (their)? ~6 (plan|project|refinery) : two companies scrapping a joint project
end a partnership ("BASF and Eramet have scrapped their plan to build a refinery").""",
    [ex("Chinese steel group Tsingshan Holding Group and French miner Eramet have scrapped their plan to build a nickel refinery.", ["agreement parties=organization:tsingshan-holding-group,organization:eramet kind=partnership status=cancelled"])],
    attributes={"kind": "partnership", "status": "{status}"})

rel("agreement-would-not-proceed", "agreement",
    f"(said|says|announced|added) (that)? (it|they) (would|will|did|does) not (proceed with|make|pursue|go ahead with|complete|raise|improve|table|submit) (a|an|the|its|their)? (<word>){{0,2}} (transaction|deal|offer|bid|takeover|merger|acquisition|proposal|purchase)",
    """PARTY said it would not (proceed with|make) the (deal|offer): the deal spoken of before
is off.""",
    [ex("Albemarle made a takeover offer for Liontown Resources. Albemarle said it would not proceed with the transaction.", ["agreement parties=organization:albemarle,organization:liontown-resources status=cancelled"])],
    attributes={"status": "cancelled"}, frame="attach")

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Acquisitions, mergers and stakes. Parties: the buyer and the seller, or the target when
# no seller is named (docs/corpus.md).
"""))

# OBJ of a purchase.
OBJ_STAKE = ("(a|an|its|their|the|some|roughly|about|around|up to|another|a further|an additional|a combined|nearly|almost|over|more than|just over|just under)*"
             " ~4 {sw: @stake-word} (in|of) ( (its|the|their)? ~3 {jvs: @venture-word} (with " + PT() + ")? | " + PT("target", "organization") + " | ~6 )")
OBJ_STOCK = "(<word>|<punct>){0,5} of " + PT("target", "organization") + " (<word>){0,2} {sw: @stake-word}"
OBJ_OWNER = "{parties: country|organization} ' (s)? (<word>|<punct>|{mineral}|{place}){0,6} ({sw: @stake-word} | @asset-noun)"
OBJ_TARGET = PT("target", "organization")
OBJ_ASSET = "(the|a|an|its|their) (<word>|<punct>|{mineral}|{place}|{country}){0,6} @asset-noun"
BUYOBJ = f"( {OBJ_STAKE} | {OBJ_STOCK} | {OBJ_OWNER} | {OBJ_TARGET} | {OBJ_ASSET} )"
FROM = f"(~8 from {PT('seller')})?"
THEN_CANCEL = f"({NC}* (but|before|only to|then) (later)? (has|had)? ({{cancel: @cancel-verb}} | (the)? (talks|negotiations|discussions|deal|bid|offer) {{cancel: @talks-failed}}))?"
KIND_BUY = "{jvs}|{ctl}|{sw}|acquisition"

rel("agreement-buy", "agreement",
    f"{SUBJ()} {BUYMOD} {{bv: @buy-verb}} {BUYOBJ} {FROM} {THEN_CANCEL}",
    """PARTIES AUX (agreed ~5 to|will|plans to|took control of ~8 by)? BUY OBJECT (~10 from
PARTY)?: "Rio Tinto has agreed to buy Arcadium Lithium", "Huayou agreed in December 2021 to
buy the Arcadia project from Australia's Prospect Resources", "Manara buys 10% of Vale's
base metals unit", "X agreed to buy Y's coal mines but scrapped the deal". A stake bought
is a stake; a majority stake, control or a company is an acquisition.""",
    [ex("Rio Tinto agreed to acquire Arcadium Lithium for $6.7 billion.", ["agreement parties=organization:rio-tinto,organization:arcadium-lithium kind=acquisition status=agreed"]),
     ex("Rio Tinto plans to acquire Arcadium Lithium.", ["agreement status=proposed"], ["agreement status=agreed"]),
     ex("Zhejiang Huayou Cobalt, a Chinese battery materials group, agreed in December 2021 to buy a lithium project in Zimbabwe from Australia's Prospect Resources.", ["agreement parties=organization:zhejiang-huayou-cobalt,organization:prospect-resources kind=acquisition status=agreed"]),
     ex("Manara Minerals Investment Co. agreed to buy a 10% stake in Lithium Americas.", ["agreement parties=organization:manara-minerals-investment-co,organization:lithium-americas kind=stake status=agreed"]),
     ex("Manara Minerals Investment Co. buys 10% of Vale's copper unit", ["agreement parties=organization:manara-minerals-investment-co,organization:vale kind=stake status=agreed"]),
     ex("Glencore agreed to take a 5% stake in Lithium Americas.", ["agreement parties=organization:glencore,organization:lithium-americas kind=stake"]),
     ex("Glencore bought its majority stake in the mine from Freeport-McMoRan in 2016.", ["agreement parties=organization:glencore,organization:freeport-mcmoran kind=acquisition status=signed"]),
     ex("Glencore agreed to buy Anglo American's coal mines but scrapped the deal after a fire.", ["agreement parties=organization:glencore,organization:anglo-american kind=acquisition status=cancelled"]),
     ex("Ganfeng Lithium took control of the project in 2021 by buying British developer Bacanora Lithium.", ["agreement parties=organization:ganfeng-lithium,organization:bacanora-lithium kind=acquisition status=signed"]),
     ex("The Soviet Union bought 1.5 mln tonnes of corn from the United States.", [], ["agreement"]),
     ex("Glencore agreed to buy Teck Resources' steelmaking coal business for $6.9 billion.", ["agreement parties=organization:glencore,organization:teck-resources kind=acquisition status=agreed"]),
     ex("BHP will acquire a 20% stake in Lynas Rare Earths.", ["agreement parties=organization:bhp,organization:lynas-rare-earths kind=stake status=agreed"]),
     ex("BHP plans to buy Anglo American.", ["agreement status=proposed"], ["agreement status=signed", "agreement status=agreed"]),
     ex("BHP is in talks to buy Anglo American.", ["agreement status=negotiating"], ["agreement status=signed"]),
     ex("BHP denied it was in talks to buy Anglo American.", [], ["agreement status=signed", "agreement status=agreed"]),
     ex("Glencore and Trafigura made a joint bid to purchase Vale, but the negotiations collapsed.", [], ["agreement status=agreed"]),
     ],
    attributes={"kind": KIND_BUY, "status": STB}, args={"parties": "{seller}|{target}"})

rel("agreement-buy-to-headline", "agreement",
    f"{PT()} (to) {{bv: @buy-verb}} {BUYOBJ} {FROM}",
    """PARTY to BUY OBJECT: the headline form of an agreed purchase ("Rio Tinto to buy Arcadium").""",
    [ex("Rio Tinto to buy Arcadium Lithium for $6.7 billion", ["agreement parties=organization:rio-tinto,organization:arcadium-lithium kind=acquisition status=agreed"])],
    attributes={"kind": KIND_BUY, "status": "agreed"}, args={"parties": "{seller}|{target}"})

rel("agreement-pay-for", "agreement",
    f"{SUBJ()} {BUYMOD} {{bv: @pay-verb}} ({PT('seller')})? ~8 for ( {OBJ_STAKE} | {OBJ_TARGET} | {OBJ_ASSET} ) {FROM}",
    """PARTIES (agreed to)? pay (PARTY)? ~8 for OBJECT: "Sinomine agreed to pay $180 million for
Bikita Minerals", "X agreed to pay Freeport $550 million for a 95% interest in ...".""",
    [ex("In January 2022 another Chinese group, Sinomine Resource Group, agreed to pay $180 million for Bikita Minerals.", ["agreement parties=organization:sinomine-resource-group,organization:bikita-minerals kind=acquisition status=agreed"])],
    attributes={"kind": KIND_BUY, "status": STB}, args={"parties": "{seller}|{target}"})

rel("agreement-completed", "agreement",
    f"{PT()} {APPOS} {REL} {AUX} {{bv: @complete-verb}} (its|the|their|a) (<word>|<punct>){{0,6}} (purchase|acquisition|takeover|buyout|merger|deal) (of|for|with) ( {OBJ_STAKE} | {OBJ_TARGET} ) {FROM}",
    """PARTY (has)? completed its ~6 (purchase|takeover) of (STAKE in)? PARTY (~8 from PARTY)?: "BHP
completed its A$9.6 billion takeover of OZ Minerals"; a seller named after "from" is the
other party, not the company whose shares were bought.""",
    [ex("BHP completed its A$9.6 billion takeover of OZ Minerals on Tuesday.", ["agreement parties=organization:bhp,organization:oz-minerals kind=acquisition status=signed"]),
     ex("Abu Dhabi's International Resource Holding has completed its purchase of a 51% stake in Zambia's Mopani Copper Mines.", ["agreement kind=stake status=signed"]),
     ex("Chinese lithium producer Tianqi Lithium has completed its purchase of a 24% stake in Chile's SQM from Canada's Nutrien.", ["agreement parties=organization:tianqi-lithium,organization:nutrien kind=stake status=signed"], ["agreement parties=organization:tianqi-lithium,organization:sociedad-quimica-y-minera-de-chile"]),
     ],
    attributes={"kind": "{sw}|acquisition", "status": "signed"}, args={"parties": "{seller}|{target}"})

rel("agreement-completed-attach", "agreement",
    "(has|have|had)? {bv: @complete-verb} (its|the|their) (<word>|<punct>){0,4} {kind: @acq-noun}",
    """(has)? completed the (purchase|acquisition): the purchase spoken of before is done.""",
    [ex("Zhejiang Huayou Cobalt agreed to buy Prospect Resources. Huayou completed the purchase the following year.", ["agreement parties=organization:zhejiang-huayou-cobalt,organization:prospect-resources kind=acquisition status=signed"])],
    attributes={"kind": "{kind}", "status": "signed"}, frame="attach")

rel("agreement-merge", "agreement",
    f"{SUBJ()} ( {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}} | {{agr: @agreed-word}} ~5 to )? {{bv: @merge-verb}} (its|their)? (<word>){{0,2}} with {PT()}",
    """PARTIES (agreed to)? (merge|combine) with PARTY: "Anglo American has agreed to combine with
Canada's Teck Resources", "Australia's Allkem merged with U.S.-based Livent".""",
    [ex("Anglo American has agreed to combine with Canada's Teck Resources in an all-share merger.", ["agreement parties=organization:anglo-american,organization:teck-resources kind=acquisition status=agreed"], ["agreement parties=country:CA"]),
     ex("Australia's Allkem merged with U.S.-based Livent.", ["agreement parties=organization:allkem,organization:livent kind=acquisition status=signed"], ["agreement parties=country:US"]),
     ],
    attributes={"kind": "acquisition", "status": "{modality}|{fut}|{agr}|{bv}"})

rel("agreement-parties-merge", "agreement",
    f"{SUBJ2(4)} ( {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}} | {{agr: @agreed-word}} ~3 to )? {{bv: @merge-verb}} (<punct>|in|into|to create|to form|creating|forming|under|on|their (<word>|-|{{mineral}}){{0,3}} (businesses|business|operations|assets|units|mines|projects|portfolios|divisions))",
    """PARTY and PARTY (agree to)? merge (, creating ...| in ...): "Sayona Mining and Piedmont Lithium
agree to merge, creating a larger lithium producer". Not "A and B combined sales".""",
    [ex("Sayona Mining and Piedmont Lithium agree to merge, creating a larger North American lithium producer", ["agreement parties=organization:sayona-mining,organization:piedmont-lithium kind=acquisition status=agreed"]),
     ex("Glencore and Xstrata merged in 2013.", ["agreement parties=organization:glencore,organization:xstrata kind=acquisition status=signed"]),
     ex("Glencore and Xstrata combined sales rose.", [], ["agreement"]),
     ex("Glencore and Teck Resources will combine their copper businesses.", ["agreement parties=organization:glencore,organization:teck-resources kind=acquisition status=agreed"]),
     ex("Glencore and Teck Resources combined their output figures.", [], ["agreement"]),
     ],
    attributes={"kind": "acquisition", "status": "{modality}|{fut}|{agr}|{bv}"})

rel("agreement-invest-placement", "agreement",
    f"{SUBJ1} ( {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}} | {{agr: @agreed-word}} ~5 to )? (invest|invests|invested|subscribe|subscribes|subscribed) ~8 (in|for) {PT('target', 'organization')} (through|via|by way of|in|under) (a|an|the)? ~3 (placement|private placement|share placement|placement of shares|share issue|equity raising|capital raising|rights issue|share subscription)",
    """PARTY (agreed to)? invest ~8 in COMPANY through a (share) placement: a stake ("Resource Capital
Funds agreed to invest in Sayona through a share placement").""",
    [ex("As part of the transaction, private equity firm Resource Capital Funds agreed to invest in Sayona Mining through a share placement.", ["agreement parties=organization:resource-capital-funds,organization:sayona-mining kind=stake status=agreed"]),
     ex("Glencore invested in Chile through a subsidiary.", [], ["agreement"]),
     ],
    attributes={"kind": "stake", "status": "{modality}|{fut}|{agr}|signed"}, args={"parties": "{target}"})

rel("agreement-possessive-acquisition", "agreement",
    f"{{parties: country|organization}} ' s (<word>|-|<punct>){{0,3}} {{kind: @acq-noun}} (in <word>)? (of|for) ( {OBJ_STAKE} | {OBJ_TARGET} | (the|a|an|its) ~8 ) {FROM} ( (<word>|<punct>|{{mineral}}|{{place}}|{{country}}){{0,10}} (has|have|had|was|were)? (been)? ({{st: @complete-verb}} | {{st: @cancel-verb}} | {{st: @talks-failed}}) )?",
    """PARTY's (...) (acquisition|purchase|bid) of OBJECT (~10 from PARTY)? (... closed|scrapped)?:
"Rio Tinto's acquisition in 2022 of the Rincon project from Rincon Mining", "BHP's bid for
Anglo American"; a verb of completing or ending the deal later in the clause gives the
status ("X's purchase of Y closed on Friday").""",
    [ex("The deal builds on Rio Tinto's acquisition in 2022 of a lithium project in Argentina from Rincon Mining.", ["agreement parties=organization:rio-tinto,organization:rincon-mining kind=acquisition"]),
     ex("BHP's takeover bid for Anglo American failed.", ["agreement parties=organization:bhp,organization:anglo-american kind=acquisition status=cancelled"]),
     ex("BHP's purchase of OZ Minerals closed on Tuesday.", ["agreement parties=organization:bhp,organization:oz-minerals kind=acquisition status=signed"]),
     ex("BHP's purchase of OZ Minerals will lift copper output.", ["agreement parties=organization:bhp,organization:oz-minerals kind=acquisition"], ["agreement status=signed"]),
     ],
    attributes={"kind": "{sw}|{kind}", "status": "{st}"}, args={"parties": "{seller}|{target}"})

# What changes hands in a sale told as a noun ("the sale of a 30% interest in ... by Teck to ...").
SALEOBJ = ("(a|an|its|their|the|some|roughly|about|around|up to|another|a further|an additional|a combined|part of|nearly|almost|over|more than)*"
           " ~4 ( {sw: @stake-word} | @asset-noun | {organization} )")
SALESTATUS = ("( (<word>|<punct>|{mineral}|{place}|{country}|{region}){0,16} (has|have|had|was|were|is|are)? (been)?"
              " ({st: @complete-verb} | {st: @cancel-verb} | {st: @agree-verb} | approved | {st: @sign-verb}) )?")

rel("agreement-sale-of-by-to", "agreement",
    f"(the|a|its|their)? (sale|transfer|disposal|divestment) of {SALEOBJ} ~16 by {PT()} to {LIST('parties', 3)} {SALESTATUS}",
    """the sale of (STAKE|ASSET|COMPANY) ~16 by PARTY to PARTIES (... was completed)?: a sale told
as a noun, the seller after "by", the buyers after "to" ("The sale of a 30% indirect interest
in the project by Teck Resources to Sumitomo Metal Mining and Sumitomo Corporation was
completed on Friday"). A stake is a stake; an asset or a company, an acquisition.""",
    [ex("The sale of a 30% indirect interest in the copper project in northern Chile by Teck Resources to Sumitomo Metal Mining and Sumitomo Corporation was completed on Friday.",
        ["agreement parties=organization:teck-resources,organization:sumitomo-metal-mining,organization:sumitomo-corporation kind=stake status=signed"]),
     ex("The sale of the smelter by Glencore to Trafigura was scrapped.", ["agreement parties=organization:glencore,organization:trafigura kind=acquisition status=cancelled"]),
     ex("The sale of cars by Toyota to Chile rose.", [], ["agreement"]),
     ],
    attributes={"kind": "{sw}|acquisition", "status": "{st}|agreed"})

rel("agreement-sale-of-to-said", "agreement",
    f"(the|a|its|their) (sale|transfer|disposal|divestment) of {SALEOBJ} ~16 to {LIST('parties', 2)} {SALESTATUS} , {PT()} (said|says|announced|confirmed)",
    """the sale of (STAKE|ASSET) ~16 to PARTY (has been completed)?, PARTY said: the company that
announces the sale of its interest is the seller ("The sale of a 49.5% interest in the Kamoa
project to Zijin Mining has been completed, Ivanhoe Mines said"). When the buyer itself says
it, there is one party and no fact.""",
    [ex("The sale of a 49.5% interest in the Kamoa copper project to Zijin Mining has been completed, Ivanhoe Mines said.",
        ["agreement parties=organization:ivanhoe-mines,organization:zijin-mining kind=stake status=signed"]),
     ex("The sale of a 49.5% interest in the copper project to Zijin Mining has been completed, Zijin Mining said.", [], ["agreement"]),
     ],
    attributes={"kind": "{sw}|acquisition", "status": "{st}|agreed"})

rel("agreement-sold-to-passive", "agreement",
    f"(was|were|has been|have been|had been|is being|are being|will be|is to be|are to be) (sold|transferred|divested) (<word>){{0,2}} by {LIST('parties', 3)} (~12 to {LIST('parties', 3)})",
    """(STAKE) was sold by PARTIES ~12 to PARTIES: the passive of a sale, both sides named.""",
    [ex("A 10% stake was sold by Vale to Manara Minerals Investment Co. last year.", ["agreement parties=organization:vale,organization:manara-minerals-investment-co kind=stake status=signed"]),
     ex("The interest was sold by Sumitomo Metal Mining and Sumitomo Corporation for $1.55 billion.", [], ["agreement"]),
     ],
    attributes={"kind": "stake", "status": "signed"})

rel("agreement-bought-by-passive", "agreement",
    f"{PT('target', 'organization')} {APPOS} ({{st: @agreed-word}} (in <word>|on <word>|last <word>)? to be | (was|were|has been|had been|have been) | {{st: @future-deal-body}} be) (bought|acquired|taken over|purchased) ~6 by {PT()} (<punct>|@np-end|in <Cap>|in <word>|last|earlier|this|after|before)",
    """COMPANY (, ... ,)? (was|agreed to be|will be) (bought|acquired) ~6 by PARTY: the passive of a
purchase ("Millennial Lithium was acquired by Lithium Americas", "X agreed to be bought by
Y"): the target and the buyer. The buyer's phrase ends there: "by the Chinese battery maker"
is no party.""",
    [ex("Millennial Lithium, a Canadian company, was acquired by Lithium Americas in January.", ["agreement parties=organization:millennial-lithium,organization:lithium-americas kind=acquisition status=signed"]),
     ex("Millennial Lithium had agreed in September to be bought by Contemporary Amperex Technology.", ["agreement parties=organization:millennial-lithium,organization:contemporary-amperex-technology kind=acquisition status=agreed"]),
     ex("Millennial Lithium will be acquired by Lithium Americas.", ["agreement parties=organization:millennial-lithium,organization:lithium-americas kind=acquisition status=agreed"], ["agreement status=signed"]),
     ex("Copper was bought by Glencore.", [], ["agreement"]),
     ex("Millennial Lithium had agreed in September to be bought by the Chinese battery maker for C$377 million.", [], ["agreement"]),
     ],
    attributes={"kind": "acquisition", "status": "{st}|signed"}, args={"parties": "{target}"})

rel("agreement-merger-of", "agreement",
    f"( {{fv: @form-verb}} (in <word>|on <word>)? (by|through|in|from) )? (the|a|an)? (<word>){{0,2}} (merger|combination|amalgamation) (of|between) {PT()} (and|with) {PT()}",
    """(formed by)? the merger of PARTY and PARTY: a merger told as a noun ("Nutrien, formed in 2018
by the merger of Potash Corp and Agrium"); agreed, or done when the merged company was
"formed" by it.""",
    [ex("The mining group was formed in 2013 by the merger of Glencore and Xstrata.", ["agreement parties=organization:glencore,organization:xstrata kind=acquisition status=signed"]),
     ex("Shareholders approved the merger of Glencore and Xstrata.", ["agreement parties=organization:glencore,organization:xstrata kind=acquisition"]),
     ex("Shareholders approved the merger of two units.", [], ["agreement"]),
     ex("Hoechst Celanese, recently formed from the merger of Glencore with Xstrata, said profits rose.", ["agreement parties=organization:glencore,organization:xstrata kind=acquisition status=signed"]),
     ],
    attributes={"kind": "acquisition", "status": "{fv}|agreed"})

rel("agreement-acquisition-of-by", "agreement",
    f"{{kind: @acq-noun}} of {PT('target', 'organization')} by {PT()}",
    """(acquisition|takeover) of PARTY by PARTY: "the takeover of OZ Minerals by BHP".""",
    [ex("The takeover of OZ Minerals by BHP was completed in May.", ["agreement parties=organization:bhp,organization:oz-minerals kind=acquisition"])],
    attributes={"kind": "{kind}"}, args={"parties": "{target}"})

rel("agreement-bid", "agreement",
    f"{SUBJ()} {{modality: @modality}}? (made|makes|make|launched|launches|launch|submitted|tabled|lodged|raised|sweetened|offered) (a|an|its|their|the) ~6 (bid|offer|proposal|approach|takeover bid|takeover offer|takeover proposal) (for|to buy|to acquire|to take over) {PT('target')}",
    """PARTY made a ~6 (bid|offer|proposal) for PARTY: a proposed acquisition.""",
    [ex("BHP, led by chief executive Mike Henry, made an unsolicited all-share proposal for Anglo American.", ["agreement parties=organization:bhp,organization:anglo-american kind=acquisition status=proposed"])],
    attributes={"kind": "acquisition", "status": "{modality}|proposed"}, args={"parties": "{target}"})

rel("agreement-offered-for", "agreement",
    f"{SUBJ1} (offered|offers|bid) ~10 (a share|per share|a unit|in cash|cash) for {PT('target', 'organization')}",
    """PARTY (had)? offered ~10 a share for PARTY: a proposed acquisition.""",
    [ex("Albemarle had offered A$3.00 a share for Liontown Resources.", ["agreement parties=organization:albemarle,organization:liontown-resources kind=acquisition status=proposed"])],
    attributes={"kind": "acquisition", "status": "proposed"}, args={"parties": "{target}"})

rel("agreement-deal-for", "agreement",
    f"{SUBJ1} ({VS} | {VH}) (a|an)? ~6 (deal|agreement|bid|offer) (for|to buy|to acquire) {PT('target', 'organization')}",
    """PARTY VERB ~6 deal for PARTY: "Rio Tinto agrees $6.7 billion deal for Arcadium Lithium".""",
    [ex("Rio Tinto agrees $6.7 billion deal for Arcadium Lithium", ["agreement parties=organization:rio-tinto,organization:arcadium-lithium kind=acquisition status=agreed"])],
    attributes={"kind": "acquisition", "status": "{modality}|{fut}|{status}"}, args={"parties": "{target}"})

rel("agreement-by-buying", "agreement",
    f"{{parties: country|organization}} (<word>|<punct>|{{mineral}}|{{place}}|{{region}})* by {{bv: @buy-verb}} {PT('target', 'organization')}",
    """PARTY (...) by buying PARTY: "Codelco strengthened its position in 2024 by buying Lithium
Power International" (PARTY is the nearest one before).""",
    [ex("Rio Tinto strengthened its position in lithium in 2024 by buying Arcadium Lithium.", ["agreement parties=organization:rio-tinto,organization:arcadium-lithium kind=acquisition status=signed"])],
    attributes={"kind": "acquisition", "status": "{bv}"}, args={"parties": "{target}"})

# What is sold.
OBJ_SSTAKE = ("(a|an|its|their|the|some|roughly|about|around|up to|another|a further|an additional|a combined|part of|nearly|almost|over|more than)*"
              " ~4 {sw: @stake-word} ( (in|of) ( (its|the|their)? ~3 {jvs: @venture-word} (with " + PT() + ")? | ~8 ) )?")
OBJ_SASSET = "(its|their|the|a|an) (<word>|<punct>|{mineral}|{place}|{country}){0,6} @asset-noun"
SELLOBJ = f"( {OBJ_SSTAKE} | {OBJ_SASSET} | {{organization}} )"

rel("agreement-sell", "agreement",
    f"{SUBJ()} ( {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}} (also)? | {{agr: @agreed-word}} ~5 to )? {{bv: @sell-verb}} {SELLOBJ} ~10 to {PT()}",
    """PARTIES AUX (agreed ~5 to)? SELL (stake|asset|company) ~10 to PARTY: "Vale has agreed to
sell a 10% stake in its base metals business to Manara", "Teck sold its steelmaking coal
business, mostly to Glencore". A stake in a venture sold to the partner is a buyout.""",
    [ex("Brazilian miner Vale has agreed to sell a 10% stake in its base metals business to Manara Minerals Investment Co.", ["agreement parties=organization:vale,organization:manara-minerals-investment-co kind=stake status=agreed"]),
     ex("Teck Resources, for its part, sold its steelmaking coal business in 2024, mostly to Glencore.", ["agreement parties=organization:teck-resources,organization:glencore kind=acquisition status=signed"]),
     ex("Vale Canada, a unit of Brazil's Vale, and Japan's Sumitomo Metal Mining sold a combined 14% of Vale Indonesia to Mining Industry Indonesia.", ["agreement parties=organization:vale-canada,organization:sumitomo-metal-mining,organization:mining-industry-indonesia kind=stake status=signed"]),
     ex("Alcoa to sell its stake in Saudi aluminium venture to Saudi Arabian Mining Company", ["agreement parties=organization:alcoa,organization:saudi-arabian-mining-company kind=acquisition status=agreed"]),
     ex("Ivanhoe Mines hands 49.5% of Kamoa copper project to China's Zijin Mining", ["agreement parties=organization:ivanhoe-mines,organization:zijin-mining kind=stake status=agreed"]),
     ex("Ivanhoe Mines handed a 49.5% stake in the project to Zijin Mining in 2015.", ["agreement parties=organization:ivanhoe-mines,organization:zijin-mining kind=stake status=signed"]),
     ex("Glencore handed the report to Zijin Mining.", [], ["agreement"]),
     ],
    attributes={"kind": "{jvs}|{sw}|acquisition", "status": "{modality}|{fut}|{agr}|{bv}"})

rel("agreement-it-sell", "agreement",
    f"{{parties: ^refer-pronoun}} ( {AUX} | {AUX} (<word>|<entity>|<punct>){{1,14}} (and|, and) {AUX} ) ( {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}} (also)? | {{agr: @agreed-word}} ~5 to )? {{bv: @sell-verb}} {SELLOBJ} ~3 to {PT(types='organization')}",
    """it AUX (... and)? (agreed to)? SELL (stake|asset) ~3 to COMPANY: the seller is the company
that is the subject of the sentence before "it" ("Cominco said it sold"), else of the
sentence before ("Anglo American promised to simplify. It has since ... and agreed to sell
its nickel operations in Brazil to MMG"), else of the article's lead when the sentence
before has none ("This follows sales of two Purolator units. It agreed to sell ...").
Never a country, a person or a government body, and the buyer is a company: on the
Reuters dev set the looser reading (first company of the sentence before, any buyer) was
right once in five.""",
    [ex("Anglo American promised to simplify itself. It has since demerged its platinum business and agreed to sell its nickel operations in Brazil to MMG.", ["agreement parties=organization:anglo-american,organization:mmg kind=acquisition status=agreed"]),
     ex("CMOC bought the Tenke Fungurume mine in 2016. In 2021 it sold a quarter of the Kisanfu holding company to Contemporary Amperex Technology.", ["agreement parties=organization:cmoc,organization:contemporary-amperex-technology kind=stake status=signed"]),
     ex("Glencore reported a loss. Later that year Teck said it sold its coal mines to Anglo American.", ["agreement parties=organization:teck-resources,organization:anglo-american"], ["agreement parties=organization:glencore"]),
     ex("Glencore bought a smelter in Chile. Traders called it a bargain. It said it received the cash when it agreed to sell its Peruvian mines to Teck in 2014.", ["agreement parties=organization:glencore,organization:teck-resources"]),
     ex("Glencore reported a loss. Chile said it sold its copper stake to Anglo American.", [], ["agreement parties=organization:glencore"]),
     ex("The Federal Home Loan Bank Board said it closed the savings bank and transferred its assets to Glencore.", [], ["agreement"]),
     ex("Prices fell in March. It sold its copper mines to Glencore.", [], ["agreement"]),
     ex("Glencore reported a loss. It said it sold the unit because of slumping profits due to South Africa's economic decline.", [], ["agreement"]),
     ],
    attributes={"kind": "{jvs}|{sw}|acquisition", "status": "{modality}|{fut}|{agr}|{bv}"})

rel("agreement-divest-ordered", "agreement",
    f"{SUBJ1} (must|was ordered to|were ordered to|has been ordered to|have been ordered to|is required to|are required to|was told to|were told to|had to|has to|have to|will have to) {{bv: @sell-verb}} (its|their|the) ~3 {{sw: @stake-word}} (in|of) {PT('target')}",
    """PARTY must (sell|divest) its (stake|holding|shares) in PARTY: an investment a government
undoes ("Canada orders three Chinese firms to sell stakes").""",
    [ex("Sinomine Resource Group, through a subsidiary, must sell its investment in Power Metals Corp.", ["agreement parties=organization:sinomine-resource-group,organization:power-metals kind=stake status=cancelled"])],
    attributes={"kind": "stake", "status": "cancelled"}, args={"parties": "{target}"})

rel("agreement-ordered-to-divest", "agreement",
    f"ordered {PT()} to {{bv: @sell-verb}} (its|their|the) ~3 {{sw: @stake-word}} (in|of) {PT('target')}",
    """ordered PARTY to (sell|divest) its (stake) in PARTY.""",
    [ex("Ottawa ordered Zangge Mining to sell its shares in Ultra Lithium Inc.", ["agreement parties=organization:zangge-mining,organization:ultra-lithium kind=stake status=cancelled"])],
    attributes={"kind": "stake", "status": "cancelled"}, args={"parties": "{target}"})

rel("agreement-co-owners", "agreement",
    f"{PT()} {APPOS} (holds|owns|has|held|owned|controls|controlled) ~4 (%|percent|per cent) (of|in) ~6 (and|, and|while|, while|;|, with) {PT()} {APPOS} (holds|owns|has|held|owned|keeps|retains|kept|retained|controls|with) (the)? (other|remaining|rest|balance|remainder) ~3",
    """PARTY holds N% of ~6 and PARTY holds the other|remaining N%: co-owners, a joint venture.""",
    [ex("Glencore holds 60% of the smelter company and the Peruvian miner Southern Copper holds the other 40%.", ["agreement parties=organization:glencore,organization:southern-copper kind=joint_venture status=signed"])],
    attributes={"kind": "joint venture", "status": "signed"})

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Joint ventures and partnerships
"""))

rel("agreement-agreed-and-form-venture", "agreement",
    f"{SUBJ()} ({VS} | {VH} | team up|teamed up|teams up|joined forces|join forces|joins forces) ~10 (and|to) (form|create|set up|establish|launch) (a|an|the|their)? ~5 {{kind: @jv-kind}}",
    """PARTIES VERB ~14 and form a ~5 VENTURE: "BHP and Lundin Mining have agreed to buy Filo Corp
together and form a 50-50 joint venture".""",
    [ex("BHP and Canadian miner Lundin Mining have agreed to buy a copper developer together and form a 50-50 joint venture.", ["agreement parties=organization:bhp,organization:lundin-mining kind=joint_venture status=agreed"])],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}|agreed"})

rel("agreement-forming-venture-with", "agreement",
    f"{{parties: country|organization}} (<word>|<punct>|{{mineral}}|{{place}}|{{region}})* {{status: @form-verb}} (a|an|the|its|their) ~5 {{kind: @venture-kind}} with {PT()}",
    """PARTY (...) forming a VENTURE with PARTY: "BHP has since turned elsewhere, forming a joint
venture with Lundin Mining".""",
    [ex("BHP itself has since turned elsewhere, forming a joint venture with Lundin Mining to develop copper.", ["agreement parties=organization:bhp,organization:lundin-mining kind=joint_venture status=signed"])],
    attributes={"kind": "{kind}", "status": "{status}"})

rel("agreement-its-venture-with", "agreement",
    f"{{parties: organization}} (<word>|<punct>|{{mineral}}|{{country}}|{{place}}|{{region}})* (its|their) (own|existing|long-standing)? ~4 {{kind: @venture-kind}} with {PT()}",
    """ORGANIZATION (...) its (...) VENTURE with PARTY: the venture of the nearest company before
"its" ("Eramet's Weda Bay mine, in the hands of its joint venture with Tsingshan").""",
    [ex("Lithium Americas needed new terms for its Thacker Pass joint venture with General Motors.", ["agreement parties=organization:lithium-americas,organization:general-motors kind=joint_venture status=signed"])],
    attributes={"kind": "{kind}", "status": "signed"})

rel("agreement-in-a-venture-with", "agreement",
    f"{PT_SUBJ('parties', 'organization')} {APPOS} {REL} {SAYIT} {AUX} (<word>|<punct>|{{mineral}}|{{place}}|{{region}}|{{country}}){{1,16}} (in|through|via|under) (a|an) (<word>|-){{0,3}} {{kind: @jv-kind}} with {PT()}",
    """PARTY (runs X) in a (50-50)? joint venture with PARTY: "Orocobre operates the Olaroz project
in Jujuy in a joint venture with Japan's Toyota Tsusho": the venture exists. The subject is a
company: "United Telecommunications operates U.S. Sprint in a joint venture with GTE" gives no
United States.""",
    [ex("Orocobre operates the Olaroz brine project in Jujuy in a joint venture with Japan's Toyota Tsusho.", ["agreement parties=organization:allkem,organization:toyota-tsusho kind=joint_venture status=signed"], ["agreement parties=country:JP"]),
     ex("Glencore said output rose in a joint venture.", [], ["agreement"]),
     ex("United Testcommunications operates U.S. Sprint, a telephone service, in a joint venture with Glencore.", [], ["agreement"]),
     ],
    attributes={"kind": "{kind}", "status": "signed"})

rel("agreement-venture-partner", "agreement",
    f"( {PT()} , (which|who)? (is|becomes|became|was|remains|has been|will be|would be) {{parties: organization}} ' (s)? (<word>|-){{0,2}} (joint venture|joint-venture|JV|venture) (partner|partners)"
    f" | {{parties: organization}} ' (s)? (<word>|-){{0,2}} (joint venture|joint-venture|JV|venture) (partner|partners) ,? {PT()} )",
    """PARTY, which becomes PARTY's joint venture partner / PARTY's joint venture partner PARTY: the
two are partners in a venture ("SQM, which becomes Wesfarmers' joint venture partner").""",
    [ex("The other half is held by Chile's SQM, which becomes Wesfarmers' joint venture partner.", ["agreement parties=organization:sociedad-quimica-y-minera-de-chile,organization:wesfarmers kind=joint_venture status=signed"]),
     ex("Glencore's joint venture partner Teck Resources said output fell.", ["agreement parties=organization:glencore,organization:teck-resources kind=joint_venture"]),
     ex("Glencore's partner said output fell.", [], ["agreement"]),
     ],
    attributes={"kind": "joint venture", "status": "signed"})

rel("agreement-restructure-venture", "agreement",
    f"{SUBJ2()} ( {{st: @complete-verb}} (the|a)? (restructuring|overhaul|reorganisation|reorganization|renegotiation|revision|expansion|restructure) of | {VS} (to)? (restructure|overhaul|reorganise|reorganize|renegotiate|revise|expand|rework|the restructuring of|a restructuring of) ) (their|its|the) ~4 {{kind: @venture-kind}}",
    """PARTY and PARTY (have)? completed the restructuring of their ~4 VENTURE / agreed to restructure
their VENTURE: the venture exists ("Albemarle and Mineral Resources have completed the
restructuring of their MARBL lithium joint venture").""",
    [ex("Albemarle and MinRes have completed the restructuring of their MARBL lithium joint venture.", ["agreement parties=organization:albemarle,organization:mineral-resources-limited kind=joint_venture status=signed"]),
     ex("Albemarle and MinRes agreed to restructure their lithium joint venture.", ["agreement parties=organization:albemarle,organization:mineral-resources-limited kind=joint_venture status=agreed"]),
     ex("Albemarle and MinRes completed the restructuring of their debts.", [], ["agreement"]),
     ],
    attributes={"kind": "{kind}", "status": "{st}|{modality}|{fut}|{status}"})

rel("agreement-parties-with-a-venture", "agreement",
    f"{LIST2('parties', 3)} (<word>|<punct>|{{mineral}}|{{country}}|{{place}}|{{region}})* (with|through|via|in|under|as part of) (a|an|their) ~3 {{kind: @venture-kind}}",
    """PARTIES (...) (with|under) (a|their) VENTURE: "POSCO and Pilbara Minerals are betting on
refining, with a joint venture that ...", "Australia and India picked projects under their
critical minerals partnership".""",
    [ex("Australia and India have picked five projects for joint investment under their critical minerals partnership.", ["agreement parties=country:AU,country:IN kind=partnership"])],
    attributes={"kind": "{kind}"})

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Supply, offtake, financing, settlements
"""))

SUPPLY_TO = f"( {PT()} (with (<word>|-){{0,2}} {{prod: @product-word}})? | (<word>|-){{0,2}} {{prod: @product-word}} (<word>|<punct>|{{mineral}}|{{place}}){{0,6}} (to|for) {PT()} | (<word>|<punct>|{{mineral}}|{{place}}){{0,6}} (to|for) {PT()} )"
rel("agreement-to-supply", "agreement",
    f"{SUBJ1} {VS} (a|an|the|its|their|two|three|several|new)? ~6 (@agreement-kind | @agreement-kinds) ~4 to {{sv: @supply-verb}} {SUPPLY_TO}",
    """PARTY VERB (an)? ~6 agreement(s) ~4 to supply ... (to)? PARTY: "Syrah signed an agreement
to supply U.S. electric carmaker Tesla with graphite", "Liontown has signed agreements to
supply spodumene to Tesla, to LG and to Ford" (one offtake each; this rule finds the first).""",
    [ex("Syrah Resources, an Australian company, signed an agreement late last year to supply U.S. electric carmaker Tesla with graphite.", ["agreement parties=organization:syrah-resources,organization:tesla kind=offtake status=signed minerals=mineral:graphite"]),
     ex("MP Materials signed a $500 million agreement to supply Apple with magnets made from recycled rare earths.", ["agreement parties=organization:mp-materials,organization:apple kind=supply_deal status=signed"]),
     ex("Liontown Resources has signed agreements to supply spodumene concentrate to Tesla, to LG Energy Solution and to Ford.", ["agreement parties=organization:liontown-resources,organization:tesla kind=offtake", "agreement parties=organization:liontown-resources,organization:lg-energy-solution kind=offtake", "agreement parties=organization:liontown-resources,organization:ford-motor-company kind=offtake"]),
     ],
    attributes={"kind": "{prod}|offtake", "status": "{modality}|{fut}|{status}"})

rel("agreement-to-supply-second", "agreement",
    f"{SUBJ1} {VS} (a|an|the|its|their|two|three|several|new)? ~6 (@agreement-kind | @agreement-kinds) ~4 to {{sv: @supply-verb}} (<word>|<punct>|{{mineral}}|{{place}}){{0,6}} (to|for)? {{country|organization}} ~5 (,|and|, and) (to|for)? {PT()}",
    """The second buyer of "signed agreements to supply X to A, to B and to C".""",
    [ex("Pilbara Minerals signed agreements to supply lithium to Tesla and to Ford.", ["agreement parties=organization:pilbara-minerals,organization:ford-motor-company kind=offtake"])],
    attributes={"kind": "{prod}|offtake", "status": "{modality}|{fut}|{status}"})

rel("agreement-to-supply-third", "agreement",
    f"{SUBJ1} {VS} (a|an|the|its|their|two|three|several|new)? ~6 (@agreement-kind | @agreement-kinds) ~4 to {{sv: @supply-verb}} (<word>|<punct>|{{mineral}}|{{place}}){{0,6}} (to|for)? {{country|organization}} ~5 (,|and|, and) (to|for)? {{country|organization}} ~5 (,|and|, and) (to|for)? {PT()}",
    """The third buyer of "signed agreements to supply X to A, to B and to C".""",
    [ex("Pilbara Minerals signed agreements to supply lithium to Tesla, to LG Energy Solution and to Ford.", ["agreement parties=organization:pilbara-minerals,organization:ford-motor-company kind=offtake"])],
    attributes={"kind": "{prod}|offtake", "status": "{modality}|{fut}|{status}"})

rel("agreement-under-offtake", "agreement",
    f"(under|through) (a|an|the|its|their) ~3 {{kind: @agreement-kind}} with {PT()} , {PT()} {AUX} ({{modality: @modality}} | {{fut: @future-deal}})? ({{sv: @supply-verb}} | buy | buys | take | takes | purchase | purchases | receive | receives | get | gets)",
    """under a KIND with PARTY, PARTY (will)? supply|buy: "Under an offtake agreement with POSCO,
Pilbara will supply ...": the agreement is in force.""",
    [ex("Under an offtake agreement with Tesla, Pilbara Minerals will supply spodumene concentrate.", ["agreement parties=organization:tesla,organization:pilbara-minerals kind=offtake status=signed"])],
    attributes={"kind": "{kind}", "status": "signed"})

rel("agreement-buy-mineral-from", "agreement",
    f"{SUBJ1} ( {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}} (also)? | {{agr: @agreed-word}} ~5 to )? {{bv: @buy-verb}} (all|some|part|most)? (of)? (the)? (<word>|<punct>){{0,3}} {{mineral}} (<word>|-|{{mineral}})? (concentrate|ore|output|production|supplies|supply|products|hydroxide|carbonate|oxide|chemicals|metal|cathodes|powder|material|materials)? (produced|mined)? (at|from) {PT()}",
    """PARTY (agreed to)? buy ~3 MINERAL ~6 from PARTY: an offtake ("General Motors has agreed to
buy lithium from Lithium Americas").""",
    [ex("General Motors, which has agreed to buy lithium from Lithium Americas, owns 38% of the venture.", ["agreement parties=organization:general-motors,organization:lithium-americas kind=offtake status=agreed"])],
    attributes={"kind": "offtake", "status": "{modality}|{fut}|{agr}|{bv}"})

rel("agreement-financing-provide", "agreement",
    f"{SUBJ()} ( {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}} (also)? | {{agr: @agreed-word}} ~5 to )? {{fv: @finance-verb}} {PT()} (with)? ~8 (in|of)? (@financing-word)",
    """PARTIES (agreed to)? provide PARTY with ~8 (financing|loans|funding): "Sojitz and JOGMEC agreed
to provide Lynas with $250 million in financing".""",
    [ex("In 2011 Japanese trading house Sojitz and the Japan Organization for Metals and Energy Security agreed to provide Lynas Rare Earths with $250 million in financing.",
        ["agreement parties=organization:sojitz,organization:japan-organization-for-metals-and-energy-security,organization:lynas-rare-earths kind=financing status=agreed"])],
    attributes={"kind": "financing", "status": "{modality}|{fut}|{agr}|{fv}"})

rel("agreement-financing-from", "agreement",
    f"{SUBJ1} ({{modality: @modality}})? (received|receives|secured|secures|obtained|won|wins|got|gets|signed|arranged|raised|landed|clinched|took out) (a|an) ~6 @financing-word ~6 from {PT()}",
    """PARTY (received|secured) a ~6 (loan|financing) ~6 from PARTY.""",
    [ex("Syrah Resources secured a $100 million loan from the U.S. Department of Energy.", ["agreement parties=organization:syrah-resources,organization:united-states-department-of-energy kind=financing status=signed"])],
    attributes={"kind": "financing", "status": "{modality}|signed"})

rel("agreement-financing-to", "agreement",
    f"{SUBJ1} ({{modality: @modality}} | {{fut: @future-deal}})? ({{fv: @finance-verb}} | approved | approves | committed | commits) (a|an) ~6 @financing-word (<word>){{0,3}} (to|for) {PT()}",
    """PARTY (approved|granted|extended) a ~6 (loan|credit) to PARTY: "The World Bank approved a 100
mln dlr loan to Bolivia".""",
    [ex("The World Bank approved a 300 mln dlr loan to Bolivia for its mines.", ["agreement parties=organization:world-bank,country:BO kind=financing status=agreed"])],
    attributes={"kind": "financing", "status": "{modality}|{fut}|{fv}|agreed"})

rel("agreement-settle-pay", "agreement",
    f"{SUBJ()} ( {{modality: @modality}} | {{fut: @future-deal}} | {{agr: @agreed-word}} ~5 to )? (pay|paid|pays) ~8 to {PT()} to (settle|resolve|end)",
    """PARTY (agreed to)? pay ~8 to PARTY to settle: a settlement.""",
    [ex("Glencore has agreed to pay $180 million to the Democratic Republic of Congo to settle corruption claims.", ["agreement parties=organization:glencore,country:CD kind=agreement status=agreed"])],
    attributes={"kind": "agreement", "status": "{modality}|{fut}|{agr}|signed"})

rel("agreement-settle-dispute", "agreement",
    f"{SUBJ()} (settled|settles|resolved|resolves|ended|ends) (a|an|its|their|the) ~4 (dispute|row|disagreement|arbitration|case|claims|feud|differences|standoff) with {PT()}",
    """PARTY (has)? settled a ~4 dispute with PARTY: "China's CMOC has settled a royalty dispute with
Congo's state miner Gecamines".""",
    [ex("China's Zijin Mining has settled a royalty dispute with Congo's state miner Gecamines.", ["agreement parties=organization:zijin-mining,organization:gecamines kind=agreement status=signed"], ["agreement parties=country:CD"])],
    attributes={"kind": "agreement", "status": "signed"})

rel("agreement-settles-dispute-headline", "agreement",
    f"{PT()} (settles|settled|resolves|resolved|ends|ended) {PT()} (' s)? (<word>|-){{0,3}} (dispute|row|feud|standoff)",
    """PARTY settles PARTY ~3 dispute (headline).""",
    [ex("Zijin Mining settles Gecamines royalty dispute", ["agreement parties=organization:zijin-mining,organization:gecamines kind=agreement status=signed"])],
    attributes={"kind": "agreement", "status": "signed"})

rel("agreement-build-together-with", "agreement",
    f"{SUBJ1} ( {{modality: @modality}} | {{fut: @future}} | {{agr: @agreed-word}} ~5 to )? (build|develop|explore|mine|operate|run|set up|construct|jointly develop|jointly build|building|developing) ~12 (together with|jointly with|in partnership with|in a partnership with|in cooperation with|in collaboration with) {PT()}",
    """PARTY (plans to)? build ~12 together with PARTY: a partnership on a project ("a refinery
that Alcoa plans to build in Western Australia together with Japan's Sojitz").""",
    [ex("U.S. aluminium producer Alcoa plans to build a gallium refinery in Western Australia together with Japan's Sojitz.", ["agreement parties=organization:alcoa,organization:sojitz kind=partnership status=proposed"])],
    attributes={"kind": "partnership", "status": "{modality}|{fut}|{agr}|agreed"})

rel("agreement-kind-commits-parties", "agreement",
    f"(the|this|that|a|an) ~3 {{kind: @agreement-kind}} (commits|committed|binds|bound|requires|obliges|obliged|calls on|allows|lets) {LIST2('parties', 8)} to",
    """the KIND commits PARTIES to ...: "The framework commits the United States and Japan to use
policy tools".""",
    [ex("The framework commits the United States and Japan to use public investment in mining.", ["agreement parties=country:US,country:JP kind=agreement"])],
    attributes={"kind": "{kind}"})

rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Later sentences about an agreement already named
"""))

rel("agreement-anaphora", "agreement",
    "( {cue: @attach-cue} (,)? (also|was|were|has been|had been|have|has|formally|finally|now)* ({status: @sign-verb} | {status: @agree-verb})"
    " | {cue: @attach-cue} (,)? (will|would|also|are to|is to|plan to|agreed to|then)* {kind: @acq-verb-kind} | {cue: @attach-cue} ~12 ({kind: @agreement-kind} | covers | covered | includes | included | will | aims | foresees | involves | commits | gives | brings | creates | applies to | focuses on) | (heart|centre|center|core|focus|crux|key|point) of {cue: @attach-cue} | {cue: @attach-cue-alone} )",
    """Under the deal, ... / The two countries also agreed to ... / The text covers ...: fills the
frame before (with the minerals and regions of this sentence), opens none. Only a verb right
after the cue gives a status ("the framework, which would have set up" gives none); a verb of
buying right after it ("The partners will acquire ...") makes it a purchase, so it fills the
purchase named before, not a venture formed in the same breath.""",
    [ex("Chile and Japan signed a memorandum on copper. Under the deal, Japan will help develop lithium in South America.", ["agreement parties=country:CL,country:JP minerals=mineral:copper,mineral:lithium"]),
     ex("Sojitz agreed to provide Lynas Rare Earths with $250 million in financing. In return Japanese buyers gained priority access to its neodymium.", ["agreement parties=organization:sojitz,organization:lynas-rare-earths minerals=mineral:neodymium"]),
     ex("The United States and Japan signed an agreement. The text covers five minerals: cobalt, graphite and nickel.", ["agreement parties=country:US,country:JP minerals=mineral:cobalt,mineral:graphite,mineral:nickel"]),
     ex("Japan and Chile were to sign a framework. Officials expected to sign the framework, which would have set up a fund.", ["agreement parties=country:JP,country:CL status=proposed"], ["agreement status=agreed"]),
     ex("BHP and Lundin Mining agreed to buy Filo Corp and form a joint venture to develop copper deposits. The partners will acquire Filo, which owns a gold and silver project.",
        ["agreement parties=organization:bhp,organization:lundin-mining,organization:filo-corp kind=acquisition minerals=mineral:gold,mineral:silver"],
        ["agreement kind=joint_venture minerals=mineral:gold"]),
     ex("BHP and Lundin Mining agreed to form a joint venture to develop copper deposits. The partners will invest in gold and silver projects.",
        ["agreement parties=organization:bhp,organization:lundin-mining kind=joint_venture minerals=mineral:gold,mineral:silver"]),
     ],
    attributes={"kind": "{kind}", "status": "{status}"}, frame="attach")

SITE_IN = ("(<word>|<punct>|{mineral}){0,6} (in|at|across|near|straddling|on|of|east of|west of|north of|south of) (the border between)? (the)?"
           " ( {regions: country} ((and|,) (the)? {regions: country})* | {regions: region} | {loc: place} | {country} ' s (<word>){0,3} {loc: place} )")
rel("agreement-site-region", "agreement",
    f"( {{kind: @project-kind}} ~14 @site-noun"
    f" | (@buy-verb | @sell-verb | @acq-noun (in <word>)? of) (the|a|an|its|their|{{country|organization}} ' s)? (<word>|{{mineral}}){{0,3}} @site-noun"
    f" | (build|develop|construct|expand|operate) (<word>|{{mineral}}){{0,5}} @site-noun ) {SITE_IN}",
    """KIND ~14 (mine|project|deposit) ... in COUNTRY|REGION|PLACE; bought, sold or the acquisition of
(someone's) project in ...; build or develop a plant in ...: where a deal's project lies is
its region (a place gives its country). Not for takeovers of companies.""",
    [ex("BHP and Rio Tinto agreed to form a joint venture to develop two copper deposits straddling the border between Argentina and Chile.", ["agreement parties=organization:bhp,organization:rio-tinto regions=country:AR,country:CL"]),
     ex("Zhejiang Huayou Cobalt agreed to buy the Arcadia lithium project east of Harare from Australia's Prospect Resources.", ["agreement parties=organization:zhejiang-huayou-cobalt,organization:prospect-resources regions=country:ZW"]),
     ex("BHP completed its takeover of OZ Minerals, adding two copper mines in South Australia.", ["agreement parties=organization:bhp,organization:oz-minerals"], ["agreement regions=country:AU"]),
     ex("Glencore agreed to sell its nickel operations in Brazil to Teck.", ["agreement parties=organization:glencore,organization:teck-resources regions=country:BR"]),
     ex("Teck agreed to buy Glencore's coal mines in Australia.", ["agreement parties=organization:teck-resources,organization:glencore regions=country:AU"]),
     ex("The deal builds on Rio Tinto's acquisition in 2022 of the Rincon lithium project in Argentina from Rincon Mining.", ["agreement parties=organization:rio-tinto,organization:rincon-mining regions=country:AR"]),
     ex("BASF and Eramet have scrapped their plan to build a nickel refinery at Weda Bay in Indonesia.", ["agreement parties=organization:basf,organization:eramet regions=country:ID"]),
     ex("Glencore agreed to buy Teck, which operates copper mines in Chile.", ["agreement parties=organization:glencore,organization:teck-resources"], ["agreement regions=country:CL"]),
     ],
    args={"regions": "country:{loc.country}"}, attributes={"kind": "{kind}"}, frame="attach")

rel("agreement-kind-region", "agreement",
    "( {kind: @project-kind} ~30 | {cue: @attach-cue} ~20 ) (in|on|across|to|for) (the)? {regions: region}",
    """KIND|the deal ~30 in|on REGION: a region named after the deal's own word is where it is aimed
("The memorandum ... aims to foster investment in Africa", "Under it, ... on the African
continent").""",
    [ex("Japan and Saudi Arabia signed a memorandum. The memorandum, signed by Economy Minister Ken Saito and Industry Minister Bandar bin Ibrahim AlKhorayef, aims to foster investment in Africa.",
        ["agreement parties=country:JP,country:SA regions=region:africa status=signed"])],
    attributes={"kind": "{kind}"}, frame="attach")

rel("agreement-region-headline", "agreement",
    f"({{kind: @agreement-kind}} | {{kind: @venture-kind}} | refining | exploration | mining) (deal)? in {{regions: country}} (' s {{place}})?",
    """KIND in COUNTRY (headline): "KABIL signs lithium exploration deal in Argentina's Catamarca".""",
    [ex("Khanij Bidesh India Ltd and Codelco sign exploration deal in Argentina's Catamarca", ["agreement regions=country:AR"])],
    attributes={"kind": "{kind}"}, frame="attach")



rules.append(dict(section="""# ---------------------------------------------------------------------------------------
# Agreements whose parties are named before: "the two countries", "the government"
"""))

rel("agreement-pair-verb-kind", "agreement",
    f"{{parties: ^refer-pair}} {AUX} {VS} (a|an|the|their|their own|its|new)? ~4 {{kind: @agreement-kind}}",
    """the two countries|neighbours AUX VERB (their own)? ~4 KIND: the pair of countries the article
named last ("Congo and Zambia ... Earlier this year the two neighbours signed their own
cooperation agreement").""",
    [ex("Congo and Zambia want a battery industry. Earlier this year the two neighbours signed their own cooperation agreement.", ["agreement parties=country:CD,country:ZM kind=agreement status=signed"]),
     ex("Peru and Chile met. The two countries did not sign an agreement.", [], ["agreement status=signed"]),
     ],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|{status}"})

rel("agreement-kind-between-pair", "agreement",
    f"{{kind: @agreement-kind}} (between|among) {{parties: ^refer-pair}} (, ~12 ,)? ({{status: @in-force}})?",
    """KIND between the two countries (, NAME,)? (entered into force)?: "a trade agreement between the
two countries, the Economic Cooperation and Trade Agreement, entered into force".""",
    [ex("Australia and India are partners. A trade agreement between the two countries, the Economic Cooperation and Trade Agreement, entered into force in December.", ["agreement parties=country:AU,country:IN kind=agreement status=signed"])],
    attributes={"kind": "{kind}", "status": "{status}"})

rel("agreement-government-stake", "agreement",
    f"{{parties: ^refer-government}} (' s (decision|agreement|deal) ~4 to | {AUX} ({{agr: @agreed-word}} ~3 to | {{modality: @modality}} (have|has|be)? | {{fut: @future-deal}})) (take|buy|acquire) (a|an|about|roughly|around|nearly|almost)? ~3 {{kind: @stake-word}} (in|of) {PT()}",
    """the government (agreed to|'s decision to) take ~3 STAKE in|of PARTY: the country the article
is about ("The U.S. government ... the government agreed to take a 10% stake in Trilogy
Metals", "the government's decision to take about 10% of chipmaker Intel").""",
    [ex("The U.S. government is buying into miners. The government agreed to take a 10% stake in Trilogy Metals.", ["agreement parties=country:US,organization:trilogy-metals kind=stake status=agreed"]),
     ex("The U.S. government is buying into miners. The stakes followed the government's decision in August to take about 10% of chipmaker Intel.", ["agreement parties=country:US,organization:intel kind=stake status=agreed"]),
     ex("The U.S. government is buying into miners. The government plans to take a stake in Intel.", ["agreement status=proposed"], ["agreement status=agreed"]),
     ],
    attributes={"kind": "{kind}", "status": "{modality}|{fut}|agreed"})

rel("agreement-site-financed-by", "agreement",
    f"{{parties: ^refer-site}} (is|was|has been|had been|will be|are|were) (also|partly|largely)? (being)? (financed|funded) (with|by|through) ~10 (from|by) {PT()}",
    """the plant is (being) financed with ~10 from PARTY: the plant's company (the one the sentence
before was about) and the lender.""",
    [ex("Syrah Resources ships graphite to Louisiana. The plant is also being financed with a loan of about $100 million from the U.S. Department of Energy.", ["agreement parties=organization:syrah-resources,organization:united-states-department-of-energy kind=financing status=signed"])],
    attributes={"kind": "financing", "status": "signed"})
