"""govreport-party: numbered political and policy formulations (提法), each with its meaning.

The plugin registers one ``formulation`` vocabulary, :data:`PARTY`. Its entries join the core
formulation glossary, so the formulation extractor finds them quoted or unquoted (a whole string,
never inside a longer number) and gives each :class:`~govreport.Formulation` its one-line
``meaning``. Where the core glossary already glosses a term, the core's meaning is kept.

Only numbered formulations are listed, and only ones whose meaning is stable: short labels that
read as ordinary words or as parts of them (``四不`` in 四不像, ``两重`` in 两重性, ``三公`` in 三公里)
are left out; quoted, the core still finds them as labels.
"""

from __future__ import annotations

from collections.abc import Callable

import govreport
from govreport.model import Entry, Vocabulary

__all__ = ["PARTY", "register_vocabularies"]
__version__ = "0.1.0"


def _entries(category: str, glosses: dict[str, str]) -> tuple[Entry, ...]:
    """One :class:`Entry` per ``term: meaning`` pair, all in ``category``."""
    return tuple(Entry(term, category, meaning) for term, meaning in glosses.items())


IDEOLOGY = _entries(
    "ideology",
    {
        "两个确立": "Xi's core position and his Thought as guiding ideology are 'established' (2021)",
        "两个维护": "uphold Xi's core position and the Central Committee's centralized leadership",
        "四个意识": "political, big-picture, core and alignment consciousness",
        "四个自信": "confidence in the socialist path, theory, system and culture",
        "两个一百年": "centenary goals: a moderately prosperous society by the Party's centenary "
        "(2021), a modern socialist country by the PRC's (2049)",
        "三个代表": "the Party represents advanced productive forces, advanced culture and the "
        "fundamental interests of the majority (Jiang Zemin, 2000)",
        "四项基本原则": "the socialist road, the people's democratic dictatorship, Party "
        "leadership, and Marxism-Leninism and Mao Zedong Thought",
        "一个中心、两个基本点": "economic development as the central task; upholding the four "
        "cardinal principles and reform and opening-up",
        "两个结合": "combine Marxism with China's concrete reality and with its fine traditional "
        "culture",
        "两个大局": "the strategic overall plan for national rejuvenation, and the world's changes "
        "unseen in a century",
        "四个伟大": "great struggle, great project, great cause and great dream",
        "两个务必": "stay modest and prudent, and keep to plain living and hard struggle (Mao, 1949)",
        "三个务必": "never forget the founding mission; stay modest, prudent and hard-working; "
        "dare and know how to struggle (20th Party Congress)",
        "六个必须坚持": "people first, self-confidence and self-reliance, integrity and "
        "innovation, problem orientation, systems thinking, global vision (20th Party Congress)",
        "四个现代化": "modernization of agriculture, industry, national defence, and science and "
        "technology",
        "四史": "history of the Party, of the PRC, of reform and opening-up, and of socialist "
        "development",
        "五大发展理念": "innovative, coordinated, green, open and shared development",
        "三新一高": "new development stage, new development philosophy, new development pattern, "
        "and high-quality development",
    },
)

PARTY_BUILDING = _entries(
    "party-building",
    {
        "三会一课": "branch members' meeting, branch committee, party group meeting, party lecture",
        "两学一做": "study the Party Constitution and rules and Xi's speeches, be a qualified member",
        "两优一先": "awards for outstanding members, outstanding party workers and advanced "
        "grassroots party organizations",
        "一报告两评议": "yearly report on cadre selection; members rate that work and the newly "
        "promoted leaders",
        "第一议题": "Xi's latest speeches and instructions studied as the first item of party "
        "meetings",
        "三严三实": "strict in self-cultivation, use of power and self-discipline; earnest in "
        "planning, in work and in conduct",
        "四个服从": "members obey the organization, the minority the majority, lower bodies the "
        "higher, and the whole Party the National Congress and Central Committee",
        "四个铁一般": "cadres with iron-like faith, conviction, discipline and commitment",
        "两新组织": "new economic and new social organizations (non-public firms and social "
        "groups) as targets of Party building",
        "四下基层": "publicize policy, investigate, receive petitioners and hold office on site "
        "at the grassroots",
        "一把手": "the principal leader of a unit",
    },
)

DISCIPLINE = _entries(
    "discipline",
    {
        "四风": "formalism, bureaucratism, hedonism and extravagance",
        "中央八项规定": "the Politburo's December 2012 eight rules on official conduct",
        "八项规定": "the Politburo's December 2012 eight rules on official conduct",
        "三不腐": "officials dare not, cannot and do not want to be corrupt, pursued together",
        "四种形态": "four forms of discipline, from criticism and talks to criminal investigation",
        "第一种形态": "the mildest form of discipline: criticism and talks, as the norm",
        "第二种形态": "light sanctions or organizational adjustment, for the majority of cases",
        "第三种形态": "heavy sanctions or major demotion, for a minority of cases",
        "第四种形态": "serious violations suspected of breaking the law, placed on file for "
        "investigation, for very few cases",
        "两个责任": "the party committee's primary duty and the discipline commission's "
        "supervisory duty",
        "第一责任人": "the party secretary as the person primarily responsible",
        "一岗双责": "every leader answers for both business work and party conduct in the "
        "portfolio",
        "四个亲自": "the secretary personally deploys, looks into, coordinates and supervises "
        "key work",
        "两个清单": "two responsibility lists (local meaning varies)",
        "三个以案": "take warning from, learn from and reform after a case",
        "三个区分开来": "tell honest mistakes in reform and trials from deliberate violations",
        "六项纪律": "political, organizational, integrity, mass, work and life discipline",
        "一案双查": "a violation is investigated together with the responsibility of the leaders "
        "in charge",
        "三公经费": "spending on official trips abroad, official vehicles and official receptions",
    },
)

GOVERNANCE = _entries(
    "governance",
    {
        "三重一大": "major decisions, key appointments, major projects and large sums decided "
        "collectively",
        "双随机、一公开": "random inspectors, random targets, results made public",
        "双随机一公开": "random inspectors, random targets, results made public",
        "两会": "the annual sessions of the people's congress and the political consultative "
        "conference",
        "一国两制": "one country, two systems: Hong Kong and Macao keep their own systems under "
        "PRC sovereignty",
        "九二共识": "the 1992 Consensus: both sides of the Taiwan Strait belong to one China",
        "四不两直": "inspections without notice, greetings, briefings or escorts, going straight "
        "to the grassroots and the site",
        "三保": "the grassroots budget floor: basic livelihoods, wages and government operations",
        "一网通办": "government services handled through one online portal",
        "一网统管": "city operations managed on one unified platform",
        "四级三类": "spatial planning at four administrative levels, in three plan types "
        "(overall, detailed, special-purpose)",
        "五级三类": "spatial planning at five levels from the state to the township, in three "
        "plan types (overall, detailed, special-purpose)",
    },
)

DEVELOPMENT = _entries(
    "development",
    {
        "五位一体": "economic, political, cultural, social and ecological construction",
        "四个全面": "modern socialist country, deeper reform, rule of law, strict Party governance",
        "三大攻坚战": "fight major risks, poverty and pollution",
        "六稳六保": "stabilize six areas and secure six priorities (see 六稳, 六保)",
        "六稳": "stabilize employment, finance, foreign trade, foreign investment, domestic "
        "investment and expectations",
        "六保": "secure jobs, basic livelihoods, market entities, food and energy security, "
        "supply chains, and grassroots operations",
        "两个毫不动摇": "unswervingly consolidate the public sector, and unswervingly encourage, "
        "support and guide the non-public sector",
        "两个健康": "healthy development of the non-public economy and of the people working in it",
        "一带一路": "the Belt and Road Initiative: Silk Road Economic Belt and 21st-Century "
        "Maritime Silk Road (2013)",
        "三去一降一补": "cut overcapacity, destock, deleverage, lower costs, shore up weak spots "
        "(supply-side reform)",
        "双循环": "domestic circulation as the mainstay, domestic and international "
        "circulation reinforcing each other",
        "双碳": "peak carbon emissions before 2030, carbon neutrality before 2060",
        "两山理论": "lucid waters and lush mountains are invaluable assets",
        "新三样": "electric vehicles, lithium batteries and solar products as new export leaders",
        "两新一重": "new infrastructure, new urbanization, and major transport and water projects "
        "(2020)",
        "102项重大工程": "the 102 major projects of the 14th Five-Year Plan outline (2021-2025)",
    },
)

RURAL = _entries(
    "rural",
    {
        "三农": "agriculture, rural areas and farmers",
        "两不愁三保障": "no worry about food or clothing; compulsory education, basic medical "
        "care and safe housing guaranteed",
        "三保障": "compulsory education, basic medical care and safe housing guaranteed",
        "四个不摘": "areas out of poverty keep responsibility, policies, assistance and "
        "supervision",
        "五个一批": "out of poverty through production, relocation, ecological compensation, "
        "education and social-security cover",
        "六个精准": "precise beneficiaries, projects, fund use, household measures, village "
        "officials and results in poverty relief",
        "三权分置": "rural land rights split into ownership, contract and management rights",
    },
)

SOCIETY = _entries(
    "society",
    {
        "一老一小": "services for the elderly and for young children",
        "两癌": "cervical and breast cancer (screening for women)",
        "双减": "less homework and off-campus tutoring for compulsory-education pupils (2021)",
        "双高计划": "national plan for high-level vocational colleges and specialties (2019)",
        "两院": "the Chinese Academies of Sciences and of Engineering (两院院士); in legal texts, "
        "the court and the procuratorate",
    },
)

WATER = _entries(
    "water",
    {
        "清四乱": "clear illegal occupation, mining, dumping and building in river and lake zones",
        "四乱": "illegal occupation, mining, dumping and building in river and lake zones",
        "四预": "forecast, early warning, rehearsal and contingency plan for floods",
        "十六字治水思路": "water saving first, spatial balance, systematic governance, two hands "
        "(Xi, 2014)",
        "两手发力": "government and market both play their part in water governance",
        "三条红线": "caps on total water use, on water-use efficiency and on pollution of water "
        "function zones",
        "四水四定": "plan cities, land, population and industry by the water available",
        "水十条": "the 2015 Water Pollution Prevention and Control Action Plan",
        "四横三纵": "South-to-North diversion layout: three routes linking the Yangtze, Huai, "
        "Yellow and Hai rivers",
        "一河一策": "one management plan for each river under the river-chief system",
        "一户一表": "one water meter for each household",
        "两个坚持、三个转变": "disaster policy: prevention first, routine mitigation with "
        "relief; shift to prevention, to all hazards, to lower risk",
    },
)

PARTY = Vocabulary(
    name="party",
    kind="formulation",
    entries=(
        IDEOLOGY + PARTY_BUILDING + DISCIPLINE + GOVERNANCE + DEVELOPMENT + RURAL + SOCIETY + WATER
    ),
    description="Numbered political and policy formulations (提法), each with a one-line meaning.",
)
"""The party vocabulary: numbered formulations by category, each with its meaning."""


@govreport.hookimpl
def register_vocabularies(register: Callable[[Vocabulary], None]) -> None:
    """Register :data:`PARTY`, which extends the formulation glossary."""
    register(PARTY)
