"""Word lists for generated demo people and places (written for this project)."""

from __future__ import annotations

import random
from typing import NamedTuple

# First names by the gender a worker's profile records, so a name never says one thing
# and the profile another. People supported draw from all of them (``FIRST_NAMES``).
WOMEN_FIRST_NAMES = (
    "Aaliyah", "Abigail", "Agnes", "Aisha", "Alice", "Amara", "Amy", "Angela", "Anita",
    "Ann", "Barbara", "Beatrice", "Beth", "Brenda", "Carol", "Caroline", "Chloe", "Claire",
    "Dawn", "Deborah", "Denise", "Eileen", "Elaine", "Eleanor", "Ella", "Ellie", "Emily",
    "Emma", "Farah", "Fatima", "Fiona", "Freya", "Gemma", "Gillian", "Gloria", "Grace",
    "Hannah", "Hazel", "Heather", "Helen", "Irene", "Isla", "Jade", "Jane", "Janet", "Jean",
    "Jennifer", "Jessica", "Joan", "Joanne", "Joyce", "Julie", "Karen", "Kate", "Kayleigh",
    "Kelly", "Laura", "Lauren", "Leah", "Lesley", "Lily", "Linda", "Lisa", "Lorraine",
    "Louise", "Lucy", "Margaret", "Maria", "Maureen", "Megan", "Michelle", "Molly", "Nadia",
    "Natalie", "Nicola", "Nisha", "Olivia", "Pamela", "Patricia", "Pauline", "Priya",
    "Rachel", "Rebecca", "Rita", "Rose", "Sadia", "Sandra", "Sarah", "Shabana", "Sharon",
    "Sheila", "Sophie", "Susan", "Tina", "Tracey", "Valerie", "Vera", "Victoria", "Yasmin",
    "Zainab", "Zara",
)  # fmt: skip

MEN_FIRST_NAMES = (
    "Aaron", "Abdul", "Adam", "Adebayo", "Alan", "Alfie", "Amir", "Andrew", "Arjun",
    "Arthur", "Asif", "Barry", "Ben", "Bernard", "Bilal", "Callum", "Carl", "Ciaran",
    "Connor", "Craig", "Dale", "Daniel", "Darren", "David", "Declan", "Dennis", "Derek",
    "Dylan", "Eric", "Ethan", "Faisal", "Frank", "Gareth", "Gary", "Geoffrey", "George",
    "Gordon", "Graham", "Harry", "Harvey", "Hassan", "Ibrahim", "Imran", "Jack", "Jacob",
    "James", "Jason", "Joe", "John", "Joseph", "Kamal", "Keith", "Kevin", "Kieran", "Kofi",
    "Leon", "Lewis", "Liam", "Luke", "Malcolm", "Mark", "Martin", "Michael", "Mohammed",
    "Nathan", "Neil", "Noah", "Norman", "Oliver", "Owen", "Paul", "Peter", "Philip",
    "Rajesh", "Rhys", "Richard", "Robert", "Ryan", "Samuel", "Scott", "Shaun", "Simon",
    "Stephen", "Stuart", "Tariq", "Thomas", "Tom", "Tony", "Tyler", "Usman", "Wayne",
    "William", "Yusuf",
)  # fmt: skip

# Names worn by people of any gender: for workers who are non-binary or did not say.
NEUTRAL_FIRST_NAMES = (
    "Alex", "Ashley", "Charlie", "Chris", "Frankie", "Jamie", "Jo", "Jordan", "Robin",
)  # fmt: skip

FIRST_NAMES = tuple(sorted({*WOMEN_FIRST_NAMES, *MEN_FIRST_NAMES, "Charlie", "Chris", "Jordan"}))

SURNAMES = (
    "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Armstrong", "Atkinson", "Bailey",
    "Baker", "Barker", "Barnes", "Bell", "Bennett", "Bibi", "Bond", "Booth", "Bradley",
    "Brennan", "Briggs", "Brooks", "Burns", "Butler", "Byrne", "Campbell", "Carter",
    "Chapman", "Charlton", "Chaudhry", "Clark", "Clarke", "Collins", "Cook", "Cooper",
    "Cox", "Crossley", "Dale", "Davies", "Dawson", "Dixon", "Doherty", "Duffy", "Edwards",
    "Evans", "Farrell", "Fisher", "Fletcher", "Foster", "Fox", "Gallagher", "Gibson",
    "Graham", "Gray", "Green", "Greenwood", "Griffiths", "Hall", "Harris", "Harrison",
    "Hartley", "Hill", "Holmes", "Hudson", "Hughes", "Hunt", "Hussain", "Iqbal",
    "Jackson", "James", "Jenkins", "Johnson", "Jones", "Kaur", "Kelly", "Kennedy", "Khan",
    "King", "Knight", "Lawson", "Lee", "Lewis", "Lloyd", "Lord", "Malik", "Marshall",
    "Martin", "Mason", "McDonald", "Metcalfe", "Miller", "Mills", "Mistry", "Mitchell",
    "Moore", "Morgan", "Morris", "Murphy", "Murray", "Nelson", "Nowak", "Nuttall",
    "O'Brien", "O'Connor", "Okafor", "Owen", "Palmer", "Parker", "Parkin", "Patel",
    "Pearson", "Phillips", "Powell", "Price", "Quinn", "Rahman", "Reid", "Richards",
    "Richardson", "Riley", "Roberts", "Robinson", "Rogers", "Russell", "Scott", "Shah",
    "Sharma", "Shaw", "Simpson", "Singh", "Smith", "Stephenson", "Stewart", "Sutcliffe",
    "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Walsh", "Ward", "Watson",
    "Webb", "Wells", "White", "Whitehead", "Wilkinson", "Williams", "Wilson", "Wood",
    "Wright", "Yates", "Young",
)  # fmt: skip

STREETS = (
    "Acre Lane", "Albert Road", "Alexandra Road", "Ash Grove", "Back Lane", "Beech Avenue",
    "Bridge Street", "Brook Street", "Canal Road", "Castle Street", "Chapel Lane",
    "Cherry Tree Walk", "Church Lane", "Church Street", "Clarendon Road", "Cliff Road",
    "Colliery Lane", "Cross Street", "Dale View", "Elm Road", "Fern Bank", "Field Lane",
    "Gladstone Terrace", "Grange Road", "Green Lane", "Hall Lane", "Harrogate Road",
    "Hawthorn Drive", "High Street", "Hill Top Road", "Holly Bank", "King Street",
    "Laburnum Grove", "Lidget Lane", "Lime Street", "Manor Road", "Market Street",
    "Mill Lane", "Moor Lane", "New Road", "North Street", "Oak Avenue", "Orchard Way",
    "Park Avenue", "Park Road", "Primrose Hill", "Princess Street", "Queen Street",
    "Railway Terrace", "Riverside Walk", "Rosebery Avenue", "Sandy Lane", "School Lane",
    "Shaw Lane", "Spring Bank", "Station Road", "Stoney Lane", "Sycamore Close",
    "Towngate", "Union Street", "Vicarage Road", "Victoria Road", "Wakefield Road",
    "Water Lane", "West End Lane", "Westfield Road", "Willow Gardens", "Wood Lane",
    "York Road",
)  # fmt: skip

# Words that name supported-living houses: trees, birds, rivers and hills of the North.
HOUSE_WORDS = (
    "Alder", "Aspen", "Aire", "Bramble", "Brontë", "Calder", "Cedar", "Chestnut", "Clover",
    "Curlew", "Derwent", "Eden", "Elder", "Fell", "Foxglove", "Hawthorn", "Hazel", "Heather",
    "Heron", "Holly", "Ingleborough", "Juniper", "Kestrel", "Kingfisher", "Lapwing",
    "Larch", "Laurel", "Linden", "Lune", "Maple", "Meadow", "Moorside", "Nidd", "Oak",
    "Orchard", "Ouse", "Pendle", "Pennine", "Primrose", "Rowan", "Ribble", "Robin",
    "Rosewood", "Sandpiper", "Skylark", "Sorrel", "Swale", "Sycamore", "Tees", "Thistle",
    "Tyne", "Ure", "Wharfe", "Whernside", "Wren",
)  # fmt: skip


class Area(NamedTuple):
    """A neighbourhood with its city, a central point and its postcode district."""

    name: str
    city: str
    latitude: float
    longitude: float
    district: str


AREAS = (
    Area("Headingley", "Leeds", 53.8199, -1.5769, "LS6"),
    Area("Chapeltown", "Leeds", 53.8170, -1.5330, "LS7"),
    Area("Armley", "Leeds", 53.7975, -1.5866, "LS12"),
    Area("Seacroft", "Leeds", 53.8200, -1.4560, "LS14"),
    Area("Beeston", "Leeds", 53.7770, -1.5610, "LS11"),
    Area("Horsforth", "Leeds", 53.8410, -1.6370, "LS18"),
    Area("Manningham", "Bradford", 53.8060, -1.7650, "BD8"),
    Area("Shipley", "Bradford", 53.8330, -1.7770, "BD18"),
    Area("Keighley", "Bradford", 53.8670, -1.9110, "BD21"),
    Area("Crookes", "Sheffield", 53.3870, -1.5070, "S10"),
    Area("Hillsborough", "Sheffield", 53.4030, -1.5060, "S6"),
    Area("Darnall", "Sheffield", 53.3870, -1.4150, "S9"),
    Area("Heeley", "Sheffield", 53.3580, -1.4700, "S2"),
    Area("Didsbury", "Manchester", 53.4170, -2.2310, "M20"),
    Area("Moss Side", "Manchester", 53.4600, -2.2400, "M14"),
    Area("Levenshulme", "Manchester", 53.4450, -2.1920, "M19"),
    Area("Ordsall", "Salford", 53.4730, -2.2800, "M5"),
    Area("Eccles", "Salford", 53.4830, -2.3340, "M30"),
    Area("Toxteth", "Liverpool", 53.3900, -2.9650, "L8"),
    Area("Anfield", "Liverpool", 53.4320, -2.9610, "L4"),
    Area("Wavertree", "Liverpool", 53.3960, -2.9200, "L15"),
    Area("Birkenhead", "Wirral", 53.3930, -3.0140, "CH41"),
    Area("Heaton", "Newcastle upon Tyne", 54.9800, -1.5790, "NE6"),
    Area("Jesmond", "Newcastle upon Tyne", 54.9850, -1.6000, "NE2"),
    Area("Benwell", "Newcastle upon Tyne", 54.9700, -1.6600, "NE4"),
    Area("Bensham", "Gateshead", 54.9520, -1.6030, "NE8"),
    Area("Acomb", "York", 53.9550, -1.1240, "YO24"),
    Area("Heworth", "York", 53.9660, -1.0610, "YO31"),
    Area("Orchard Park", "Hull", 53.7840, -0.3960, "HU6"),
    Area("Bransholme", "Hull", 53.7970, -0.3340, "HU7"),
    Area("Eastmoor", "Wakefield", 53.6900, -1.4850, "WF1"),
    Area("Lindley", "Huddersfield", 53.6600, -1.8240, "HD3"),
    Area("Pellon", "Halifax", 53.7250, -1.8800, "HX1"),
    Area("Balby", "Doncaster", 53.5020, -1.1540, "DN4"),
    Area("Hendon", "Sunderland", 54.8980, -1.3700, "SR2"),
    Area("Gilesgate", "Durham", 54.7790, -1.5580, "DH1"),
    Area("Linthorpe", "Middlesbrough", 54.5600, -1.2480, "TS5"),
    Area("Skerton", "Lancaster", 54.0580, -2.8050, "LA1"),
    Area("Ashton-on-Ribble", "Preston", 53.7630, -2.7300, "PR2"),
    Area("Audley", "Blackburn", 53.7480, -2.4700, "BB1"),
)

# Letters used in the inward half of a UK postcode (C, I, K, M, O and V never appear).
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


# Which list a profile's gender draws from (the values of ``StaffProfile.Gender``).
_FIRST_NAMES_BY_GENDER = {
    "woman": WOMEN_FIRST_NAMES,
    "man": MEN_FIRST_NAMES,
    "non_binary": NEUTRAL_FIRST_NAMES,
    "not_said": NEUTRAL_FIRST_NAMES,
}


def first_name_for(rng: random.Random, gender: str) -> str:
    """Draw a first name that agrees with the gender a worker's profile records."""
    return rng.choice(_FIRST_NAMES_BY_GENDER.get(gender, NEUTRAL_FIRST_NAMES))


def gender_of_first_name(first: str) -> str | None:
    """Return "woman" or "man" for a name only one of them wears here; otherwise None."""
    if first in WOMEN_FIRST_NAMES:
        return "woman"
    if first in MEN_FIRST_NAMES:
        return "man"
    return None
