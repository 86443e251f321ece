# Templates read best as one sentence per line, however long.
# ruff: noqa: E501
"""Word lists and sentence templates for the synthetic corpus.

Kept apart from the assembly code so that widening the corpus (a new cue, a new
way of writing money) is a data edit. Templates are ``str.format`` strings whose
fields the generator fills (see ``bench.synthetic.FIELD_MAKERS`` and the story
fields); the phrasing copies the shapes real wire copy uses, including the
negated and hedged sentences an extractor must not turn into facts.
"""

from __future__ import annotations

SYLLABLE_HEADS = ("Nor", "Kes", "Vel", "Ari", "Zen", "Lum", "Quar", "Oct", "Hal", "Tal", "Mir",
                  "Sol", "Cor", "Ven", "Ast", "Ely", "Pra", "Ori", "Kai", "Dra", "Sey", "Bri",
                  "Fen", "Gal", "Ith", "Jun", "Lyr", "Mor", "Nex", "Pel", "Rho", "Syl", "Tor",
                  "Ul", "Vor", "Wen", "Xan", "Yar", "Zal", "Cael")
SYLLABLE_MIDS = ("ve", "tre", "la", "xi", "ro", "na", "mi", "de", "ta", "", "", "")
SYLLABLE_TAILS = ("xa", "l", "on", "ia", "ra", "ex", "is", "um", "os", "a", "ik", "en", "yx")
COMPANY_SUFFIXES = ("AI", "AI", "Labs", "Technologies", "Intelligence", "Systems", "Robotics",
                    "Semiconductor", "Cloud", "")
INVESTOR_WORDS = ("Kestrel", "Granite", "Harbor", "Blue Fjord", "Northstar", "Cedar", "Redwood",
                  "Meridian", "Summit", "Lantern", "Ironbridge", "Saltmarsh", "Highline",
                  "Falcon Rock", "Tidewater", "Obsidian", "Juniper", "Copperleaf")
INVESTOR_SUFFIXES = ("Ventures", "Capital", "Partners", "Investments", "Venture Partners",
                     "Growth Fund", "Holdings")
MODEL_STEMS = ("Aurel", "Quill", "Tessel", "Orison", "Halcyon", "Lumen", "Vesper", "Corvid",
               "Sable", "Ember", "Atlas", "Nimbus", "Cirrus", "Kite", "Helix")
CHIP_STEMS = ("Tessera", "Monolith", "Graviton", "Pulsar", "Quasar", "Strata", "Photon")

FIRST_NAMES = {
    "en": ("James", "Sarah", "Michael", "Emily", "David", "Laura", "Daniel", "Rachel", "Owen"),
    "fr": ("Arthur", "Camille", "Julien", "Chloé", "Mathieu", "Élodie", "Thibault", "Inès"),
    "de": ("Jonas", "Katrin", "Lukas", "Miriam", "Florian", "Anja", "Tobias", "Svenja"),
    "zh": ("Wei", "Min", "Jie", "Yang", "Fang", "Lei", "Jing", "Hao", "Xiaoming", "Yifan"),
    "ja": ("Haruto", "Yui", "Kenji", "Aiko", "Takeshi", "Naomi", "Daichi", "Emi"),
    "ko": ("Min-jun", "Seo-yeon", "Ji-hoon", "Ha-eun", "Dong-hyun", "Soo-ah"),
    "in": ("Arjun", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Nikhil", "Meera"),
    "ar": ("Omar", "Layla", "Khalid", "Noura", "Faisal", "Mariam", "Tariq", "Huda"),
}
LAST_NAMES = {
    "en": ("Whitaker", "Holloway", "Brennan", "Caldwell", "Marsh", "Pruitt", "Okafor", "Lindqvist"),
    "fr": ("Lefèvre", "Marchand", "Dubois", "Rousseau", "Girard", "Fontaine", "Morel"),
    "de": ("Brandt", "Vogel", "Hartmann", "Krüger", "Schreiber", "Lehmann", "Wolff"),
    "zh": ("Zhou", "Huang", "Sun", "Ma", "Hu", "Guo", "Lin", "He", "Zhang", "Chen", "Liu"),
    "ja": ("Sato", "Tanaka", "Watanabe", "Ito", "Nakamura", "Kobayashi", "Yamamoto"),
    "ko": ("Kim", "Park", "Choi", "Jung", "Kang", "Yoon", "Lim"),
    "in": ("Sharma", "Iyer", "Mehta", "Reddy", "Banerjee", "Nair", "Kapoor"),
    "ar": ("Al Mansouri", "Al Harbi", "Haddad", "Al Nuaimi", "Khoury", "Al Qahtani"),
}
FAMILY_NAME_FIRST = frozenset({"zh"})
NAME_GROUP_OF_ISO = {"FR": "fr", "DE": "de", "CH": "de", "CN": "zh", "TW": "zh", "JP": "ja",
                     "KR": "ko", "IN": "in", "AE": "ar", "SA": "ar", "QA": "ar"}

# Cities each story's focus company can be based in, by ISO code.
CITIES = {
    "US": ("San Francisco", "Palo Alto", "Mountain View", "Seattle", "New York", "Austin", "Boston"),
    "CN": ("Beijing", "Shanghai", "Hangzhou", "Shenzhen", "Guangzhou"),
    "FR": ("Paris", "Lyon", "Grenoble", "Toulouse"),
    "DE": ("Berlin", "Munich", "Heidelberg", "Hamburg"),
    "GB": ("London", "Cambridge", "Oxford", "Manchester"),
    "JP": ("Tokyo", "Osaka", "Kyoto"),
    "KR": ("Seoul", "Pangyo", "Busan"),
    "IN": ("Bengaluru", "Mumbai", "Hyderabad"),
    "SG": ("Singapore",),
    "AE": ("Abu Dhabi", "Dubai"),
    "SA": ("Riyadh", "Jeddah"),
    "IL": ("Tel Aviv", "Haifa"),
    "CA": ("Toronto", "Montreal", "Vancouver"),
    "NL": ("Amsterdam", "Eindhoven"),
    "TW": ("Taipei", "Hsinchu"),
    "SE": ("Stockholm",),
    "CH": ("Zurich", "Lausanne"),
    "FI": ("Helsinki",),
    "IT": ("Milan", "Rome", "Turin"),
    "ES": ("Madrid", "Barcelona"),
}
RIVAL_ISO = {"CN": ("US",), "US": ("CN",)}
# Who bans a rival of each bloc: the US acts on Chinese firms, China on American ones.
BAN_BODIES = {
    "CN": ("the US Commerce Department", "the Commerce Department", "Washington",
           "the Bureau of Industry and Security", "the US government"),
    "US": ("China's Ministry of Commerce", "Beijing", "the Chinese government",
           "the Cyberspace Administration of China"),
}
DEFAULT_RIVALS = ("CN", "CN", "US")
LOCAL_CURRENCY = {"FR": "EUR", "DE": "EUR", "NL": "EUR", "IT": "EUR", "ES": "EUR", "FI": "EUR",
                  "GB": "GBP", "CN": "CNY", "JP": "JPY", "KR": "KRW", "IN": "INR", "SG": "SGD",
                  "CA": "CAD", "AE": "AED", "SA": "SAR", "CH": "CHF", "SE": "SEK", "TW": "TWD"}
# Rough units of each currency per US dollar, so amounts stay plausible.
PER_USD = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79, "CNY": 7.2, "JPY": 150.0, "KRW": 1350.0,
           "INR": 83.0, "SGD": 1.35, "CAD": 1.36, "AED": 3.67, "SAR": 3.75, "CHF": 0.9,
           "SEK": 10.5, "TWD": 32.0}
# (threshold in units, divisor, forms); "{n}" is the scaled number.
MONEY_FORMS = {
    "USD": ((1e9, 1e9, ("${n}bn", "${n} billion", "US${n} billion", "USD {n} billion",
                        "{n} billion dollars")),
            (0, 1e6, ("${n}m", "${n} million", "US${n} million", "USD {n} million"))),
    "EUR": ((1e9, 1e9, ("€{n}bn", "€{n} billion", "{n} billion euros", "EUR {n} billion")),
            (0, 1e6, ("€{n}m", "€{n} million", "{n} million euros", "EUR {n} million"))),
    "GBP": ((1e9, 1e9, ("£{n}bn", "£{n} billion")), (0, 1e6, ("£{n}m", "£{n} million"))),
    "CNY": ((1e9, 1e9, ("{n} billion yuan", "RMB {n} billion", "{n} billion renminbi")),
            (0, 1e6, ("{n} million yuan", "RMB {n} million"))),
    "JPY": ((1e12, 1e12, ("¥{n} trillion", "{n} trillion yen")),
            (0, 1e9, ("¥{n} billion", "{n} billion yen"))),
    "KRW": ((1e12, 1e12, ("{n} trillion won", "KRW {n} trillion")),
            (0, 1e9, ("{n} billion won", "₩{n} billion"))),
    "INR": ((0, 1e7, ("Rs {n} crore", "₹{n} crore")),),
    "SGD": ((1e9, 1e9, ("S${n} billion",)), (0, 1e6, ("S${n} million", "S${n}m"))),
    "CAD": ((1e9, 1e9, ("C${n} billion",)), (0, 1e6, ("C${n} million", "C${n}m"))),
    "AED": ((0, 1e9, ("AED {n} billion", "{n} billion dirhams")),),
    "SAR": ((0, 1e9, ("SAR {n} billion", "{n} billion riyals")),),
    "CHF": ((0, 1e6, ("CHF {n} million", "{n} million Swiss francs")),),
    "SEK": ((0, 1e6, ("SEK {n} million", "{n} million kronor")),),
    "TWD": ((0, 1e9, ("NT${n} billion",)),),
}

ROUND_NAMES = ("seed", "Series A", "Series B", "Series C", "Series D", "Series E", "Series B extension",
               "pre-Series A", "growth")
COMPANY_KINDS = ("start-up", "AI company", "AI developer", "lab", "startup", "firm", "company")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
OUTLETS = ("wire.example", "techdesk.example", "globalbrief.example", "marketsdaily.example",
           "policyreview.example")
PROGRAMMES = {"FR": ("France 2030",), "US": ("CHIPS and Science Act", "National AI Research Resource"),
              "DE": ("High-Tech Strategy",), "IN": ("IndiaAI Mission",), "CN": ("Big Fund",),
              "GB": ("AI Research Resource",), "JP": ("Post-5G Fund",), "KR": ("K-Cloud Project",)}
ANALYST_FIRMS = ("Morningside Research", "Bernhardt & Co", "Pinegate Analytics", "TechInsight Partners",
                 "Halvorsen Securities")

TITLES = {
    "funding": ("{co} raises {raise} in {round} round led by {lead}",
                "{dem} AI start-up {co} valued at {valuation} after new funding",
                "{lead} leads {raise} bet on {co}"),
    "investment": ("{investor} to invest {deal} in {co}", "{investor} takes stake in {dem} lab {co}"),
    "ban": ("{ban_body} adds {rival} to Entity List", "{body} bans {model} over data concerns",
            "New export curbs hit {rival_dem} AI sector"),
    "gov_funding": ("{gov_name} pledges {deal} for AI compute", "{co} wins {deal} state grant"),
    "product": ("{co} unveils {model} as {dem} AI race heats up", "{co} launches flagship model {model}"),
}

# The first sentence of an article, by what the article is about.
OPENERS: dict[str, tuple[str, ...]] = {
    "funding": (
        "{co}, the {city}-based {kind}, has raised {raise} in a {round} round led by {lead}, with {inv2} and {inv3} also taking part.",
        "{co} said on {weekday} it had closed a {raise} {round} funding round led by {lead} and {inv2}, valuing the company at {valuation}.",
        "{dem} AI company {co} has raised {raise} from investors including {lead}, {inv2} and {fund_country}'s sovereign wealth fund {fund}.",
    ),
    "investment": (
        "{investor} agreed to invest up to {deal} in {co}, the {city}-based {kind}, {month_phrase}.",
        "{bigtech} will invest {deal} in {dem} AI start-up {co}, the companies said on {weekday}.",
    ),
    "ban": (
        "{ban_body} added {rival}, the {rival_dem} {kind}, to the Entity List {month_phrase}, citing national-security concerns.",
        "{body} banned the use of {rival}'s chatbot on government devices, officials said on {weekday}.",
        "{ban_body} imposed new export controls on {hw} chips to {rival_country}, tightening rules that already restrict sales to {rival_dem} companies.",
    ),
    "gov_funding": (
        "{gov_name} will provide {deal} to {co}, the {city}-based {kind}, under {programme}.",
        "{co} will receive {deal} from {gov_name} to build a data centre in {city}, the company said on {weekday}.",
    ),
    "product": (
        "{co}, the {city}-based {kind}, released its flagship model {model} on {weekday}.",
        "{dem} AI company {co} unveiled {model}, a large language model it says rivals systems from {bigtech}.",
    ),
}

TEMPLATES: dict[str, tuple[str, ...]] = {
    "funding": (
        "Existing backers {inv3} and {inv4} also put money into the {round} round.",
        "{lead} led the round, which brings the total raised by {co_short} to {money2}.",
        "The round, which values {co_ref} at {valuation}, was joined by {inv2}, {inv3} and {inv4}.",
        "Other investors include {inv3}, {inv4} and {bigtech}.",
        "{city}-based {co} {month_phrase} secured {raise} in fresh funding from investors including {lead} and {inv2}.",
        "{inv4} and {inv3} participated in the round, according to a person with knowledge of the deal.",
        "The {raise} financing, led by {lead}, is the largest {round} round for an AI company in {country} this year.",
        "{co} landed a funding round of more than {raise} {month_phrase}.",
    ),
    "investment": (
        "{investor} agreed to invest up to {money} in {co} {month_phrase}.",
        "{investor} has taken a {pct} per cent stake in {co_ref} for {money}.",
        "{bigtech} is putting {money} into {co} as part of a cloud partnership.",
        "{investor} invested {money} in {co}, the company said in a statement.",
        "In {month_year}, {bigtech} invested a further {money} in {co_ref}, bringing its total commitment to {money2}.",
    ),
    "ban": (
        "{ban_body} added {rival} to the Entity List {month_phrase}, citing national-security concerns.",
        "{body} banned the use of {model} on government devices {month_phrase}.",
        "{ban_body} imposed export controls on {hw} chips to {rival_country}.",
        "{body} ordered {rival} to stop processing the data of {dem} users.",
        "{rival}, the {rival_city}-based chipmaker, was blacklisted by {ban_body} {month_phrase}.",
        "{gov_name} barred {rival} from public contracts, officials said on {weekday}.",
        "{ban_body} tightened its export controls on {rival_country}, restricting sales of the {hw}.",
    ),
    "hq": (
        "{co} is headquartered in {city}, {country}.",
        "The {city}-based {kind} employs more than {headcount} people.",
        "{dem} AI company {co} was founded in {year} by {founder}.",
        "{co}, which is based in {city}, sells mainly to banks and public administrations.",
        "Founded in {year}, the {dem} {kind} has offices in {city} and {city2}.",
    ),
    "role": (
        "{ceo}, {co}'s chief executive, said the company would use the money to hire researchers.",
        "\"{quote}\", chief executive {ceo} told reporters in {city}.",
        "{co} co-founder and chief technology officer {cto} previously worked at {bigtech}.",
        "The company is led by chief executive {ceo}, a former researcher at {bigtech}.",
        "{cto}, the chief scientist of {co}, declined to comment on the valuation.",
    ),
    "product": (
        "Its flagship model {model} competes with systems from {bigtech}.",
        "{co} released {model}, a large language model, {month_phrase}.",
        "{co}'s {model} family of models is available as open weights.",
        "The company trains {model} on clusters of {hw} chips rented from {bigtech}.",
        "{co} develops {model}, a chatbot aimed at {dem} businesses.",
    ),
    "ownership": (
        "{fund_country}'s sovereign wealth fund {fund} also took part.",
        "{rival} is a subsidiary of {rival_owner}, which owns a majority stake in it.",
        "{fund}, the state investor of {fund_country}, holds a minority stake in {co}.",
        "{rival_owner}-owned {rival} has not commented on the report.",
        "{owner}'s venture arm, {owner} Ventures, joined the round.",
    ),
    "gov_funding": (
        "{gov_name} awarded {co} a {money} grant under its {programme} programme.",
        "{co} will receive {money} from {gov_name} to build a data centre in {city}.",
        "Under {programme}, {gov_name} has committed {money} to domestic AI compute.",
        "{gov_name} pledged {money} {month_phrase} to support {dem} chip design.",
        "{gov_name} launched a programme worth {money} to fund {dem} AI start-ups.",
    ),
    "filler": (
        "Demand for computing power has pushed up the cost of training frontier models.",
        "The deal comes as governments on both sides of the Atlantic try to keep AI talent at home.",
        "Shares in listed chipmakers rose on the news before paring gains in afternoon trading.",
        "Analysts at {analyst} said competition for enterprise customers was intensifying.",
        "The market for AI infrastructure has grown rapidly since {year}.",
        "Venture investment in AI reached a record last year, according to data from {analyst}.",
        "Lawmakers have debated how to balance innovation with security for months.",
        "Many European start-ups still depend on American cloud providers for their computing needs.",
        "The company did not give details of its revenue.",
        "Talks between the two sides continued into the evening.",
        "Industry groups welcomed the move but asked for clearer guidance.",
        "Competition between American and Chinese labs has become a theme of trade policy.",
        "{co_ref} has more than {headcount} employees, most of them engineers.",
        "A spokesperson for {bigtech} declined to comment.",
        "Prices for high-end accelerators have doubled since {year}, according to {analyst}.",
        "The company's customers include several large banks in {country}.",
        "Revenue at the company roughly tripled last year, people familiar with its accounts said.",
        "Officials in {country} have described domestic AI capacity as a matter of national security.",
        "Its engineers have published widely cited papers on model efficiency.",
        "The agreement still needs approval from competition authorities.",
        "Several rival labs have cut prices for their models in recent months.",
        "Energy costs remain a concern for data-centre operators in {country}.",
    ),
    "hedged": (
        "{investor} is reportedly in talks to invest {money} in {co}.",
        "Analysts expect {co_ref} to be acquired by {bigtech} within two years.",
        "{co} could seek a valuation of {value} in its next round, people familiar with the matter said.",
        "{gov_name} may ban {model} if the company does not answer regulators' questions.",
        "{fund} is said to be considering a stake in {co}.",
        "It is unclear whether {ban_body} will add {rival} to the Entity List.",
    ),
    "negated": (
        "{co} has not received any money from the {dem} government.",
        "{bigtech} did not take part in the round.",
        "{gov_name} has not banned {model}, despite pressure from lawmakers.",
        "{co} denied that it had sold chips to {rival}.",
        "{fund} ruled out an investment in {co_ref}, a spokesperson said.",
    ),
}
QUOTES = ("We are building this technology in Europe, for Europe",
          "Compute is the bottleneck, and this money removes it",
          "Our customers want models they can run under their own law",
          "This is a long-term bet on sovereign AI",
          "We will keep our research team independent")
