# The evaluation set: short reports of one event, two per event, written
# for Collate (no article is copied), with the true disagreements marked.
# Each mark: (kind, quote in report A, quote in report B), a quote taken at
# its first occurrence, or (kind, quote, n, quote, m) for the n-th / m-th.
PAIRS = [
  {
    "title": "Port strike",
    "a": "Dockworkers in Rotterdam walked out on Monday, halting traffic at the container terminal.\n"
         "The strike lasted 36 hours, according to the union.\n"
         "About 40 ships were left waiting at anchor outside the harbour.\n"
         "Union leader Marieke Hoekstra said the workers had not been consulted about the new shift system.",
    "b": "Container traffic at Rotterdam stopped on Tuesday when dockworkers walked out.\n"
         "The walkout lasted two days, the port authority said.\n"
         "Dozens of ships were left waiting at anchor outside the harbour.\n"
         "Union leader Marieke Hoekstra said the workers had been consulted about the new shift system but ignored.",
    "marks": [
      ("date", "Monday", "Tuesday"),
      ("quantity-conflict", "36 hours", "two days"),
      ("quantity-precision", "About 40 ships", "Dozens of ships"),
      ("negation", "had not been consulted", "consulted"),
    ],
  },
  {
    "title": "Bridge collapse",
    "a": "A road bridge collapsed into the river near Porto at 6 a.m. on Saturday.\n"
         "Three people were killed and eleven were injured, firefighters said.\n"
         "The bridge had been inspected in March, the regional government said.\n"
         "Engineers blamed heavy rain for the collapse.",
    "b": "A road bridge near Porto fell into the river at 8 a.m. on Saturday.\n"
         "Five people were killed and eleven were injured, according to firefighters.\n"
         "The regional government said the bridge had been inspected in May.\n"
         "Engineers blamed heavy rain for the collapse.",
    "marks": [
      ("time", "6 a.m.", "8 a.m."),
      ("quantity-conflict", "Three people", "Five people"),
      ("date", "March", "May"),
      ("agreement", "Engineers blamed heavy rain for the collapse.", "Engineers blamed heavy rain for the collapse."),
    ],
  },
  {
    "title": "Election count",
    "a": "Turnout in the regional election reached 62 percent, the electoral commission said.\n"
         "The Green candidate Lena Vogt won the mayoral race in Freiburg.\n"
         "It was the party's second victory in the city since 2010.\n"
         "Counting finished shortly after midnight.",
    "b": "The electoral commission put turnout in the regional election at 58 percent.\n"
         "The Green candidate Jonas Keller won the mayoral race in Freiburg.\n"
         "It was the party's second mayor in the city since 2010.\n"
         "Counting finished shortly after midnight.",
    "marks": [
      ("quantity-conflict", "62 percent", "58 percent"),
      ("name", "Lena Vogt", "Jonas Keller"),
      ("ordinal", "second victory", "second mayor"),
      ("agreement", "Counting finished shortly after midnight.", "Counting finished shortly after midnight."),
    ],
  },
  {
    "title": "Factory fire",
    "a": "A fire broke out at a chemical plant in Ludwigshafen on Thursday evening.\n"
         "More than 100 firefighters fought the blaze for nearly five hours.\n"
         "Residents were told to keep their windows closed.\n"
         "The company said no toxic gas had escaped.",
    "b": "Fire broke out at a chemical plant in Ludwigshafen on Thursday evening.\n"
         "Some 120 firefighters fought the blaze for four hours.\n"
         "Residents were told to keep their windows closed.\n"
         "The company said toxic gas had escaped but in small amounts.",
    "marks": [
      ("quantity-precision", "More than 100 firefighters", "Some 120 firefighters"),
      ("quantity-precision", "nearly five hours", "four hours"),
      ("negation", "no toxic", "toxic"),
      ("agreement", "Residents were told to keep their windows closed.", "Residents were told to keep their windows closed."),
    ],
  },
  {
    "title": "Summit in Vienna",
    "a": "Foreign ministers from nine countries met in Vienna on Wednesday to discuss water rights.\n"
         "The talks lasted three hours and ended without an agreement.\n"
         "Austria's foreign minister chaired the meeting.",
    "b": "Foreign ministers from nine countries met in Geneva on Wednesday to discuss water rights.\n"
         "The talks lasted six hours and ended with an agreement on a joint commission.\n"
         "Austria's foreign minister chaired the meeting.",
    "marks": [
      ("name", "Vienna", "Geneva"),
      ("quantity-conflict", "three hours", "six hours"),
      ("negation", "without an agreement", "with an agreement"),
      ("agreement", "Austria's foreign minister chaired the meeting.", "Austria's foreign minister chaired the meeting."),
    ],
  },
  {
    "title": "Museum theft",
    "a": "Thieves stole four paintings from the city museum in Ghent early on Sunday.\n"
         "The paintings are worth an estimated $2 million, police said.\n"
         "It was the museum's third burglary in ten years.\n"
         "The alarm did not sound during the break-in.",
    "b": "Four paintings were stolen from the city museum in Ghent early on Sunday.\n"
         "Police valued the paintings at $5 million.\n"
         "It was the third theft of art in the city this year.\n"
         "The alarm sounded during the break-in, but guards arrived too late.",
    "marks": [
      ("quantity-conflict", "$2 million", "$5 million"),
      ("ordinal", "third burglary", "third theft"),
      ("negation", "did not sound", "sounded"),
    ],
  },
  {
    "title": "Train delay",
    "a": "The overnight train from Vienna to Venice arrived four hours late on Friday.\n"
         "About 300 passengers were on board.\n"
         "The operator blamed a broken locomotive near Villach.\n"
         "Passengers received vouchers for their next journey.",
    "b": "The overnight train from Vienna to Venice arrived more than three hours late on Friday.\n"
         "Around 450 passengers were on board.\n"
         "The operator blamed a broken locomotive near Klagenfurt.\n"
         "Passengers received vouchers for their next journey.",
    "marks": [
      ("quantity-precision", "four hours", "more than three hours"),
      ("quantity-conflict", "About 300 passengers", "Around 450 passengers"),
      ("name", "Villach", "Klagenfurt"),
      ("agreement", "Passengers received vouchers for their next journey.", "Passengers received vouchers for their next journey."),
    ],
  },
  {
    "title": "Earthquake",
    "a": "An earthquake of magnitude 5.8 struck eastern Turkey at 3:15 on Tuesday morning.\n"
         "At least 12 buildings collapsed in the town of Malatya.\n"
         "Rescue teams worked through the night.\n"
         "It was the region's second strong quake this month.",
    "b": "A magnitude 5.8 earthquake hit eastern Turkey at 4:15 on Tuesday morning.\n"
         "Eight buildings collapsed in the town of Malatya.\n"
         "Rescue teams worked through the night.\n"
         "It was the region's second strong quake this month.",
    "marks": [
      ("time", "3:15", "4:15"),
      ("quantity-conflict", "At least 12 buildings", "Eight buildings"),
      ("agreement", "Rescue teams worked through the night.", "Rescue teams worked through the night."),
      ("agreement", "It was the region's second strong quake this month.", "It was the region's second strong quake this month."),
    ],
  },
  {
    "title": "Trade talks",
    "a": "Negotiators from the two countries met for the fourth round of trade talks in Ottawa.\n"
         "The talks lasted two days.\n"
         "Canada's trade minister Claire Dubois said a deal was close.\n"
         "The next round is planned for June.",
    "b": "Negotiators held the fourth round of trade talks in Ottawa this week.\n"
         "The talks lasted three days.\n"
         "Canada's trade minister Claire Dubois said a deal was not close.\n"
         "The next round is planned for September.",
    "marks": [
      ("quantity-conflict", "two days", "three days"),
      ("negation", "close", "was not close"),
      ("date", "June", "September"),
    ],
  },
  {
    "title": "Marathon",
    "a": "Kenyan runner Peter Kiprono won the Berlin marathon on Sunday in 2 hours and 4 minutes.\n"
         "Some 45,000 runners took part, the organisers said.\n"
         "It was his first win in Berlin.\n"
         "Temperatures reached 24 degrees by noon.",
    "b": "Kenyan runner Peter Kiprono won the Berlin marathon on Sunday.\n"
         "About 45,000 runners took part, the organisers said.\n"
         "It was his first marathon in Berlin.\n"
         "Temperatures reached 24 degrees by noon.",
    "marks": [
      ("ordinal", "first win", "first marathon"),
      ("agreement", "Temperatures reached 24 degrees by noon.", "Temperatures reached 24 degrees by noon."),
    ],
  },
  {
    "title": "Hospital strike",
    "a": "Nurses at the university hospital in Leeds began a 48-hour strike on Wednesday.\n"
         "The union said 1,200 nurses joined the action.\n"
         "Hospital managers said emergency care was not affected.",
    "b": "Nurses at the university hospital in Leeds began a 24-hour strike on Wednesday.\n"
         "The union said nearly 2,000 nurses joined the action.\n"
         "Hospital managers said emergency care was affected in two wards.",
    "marks": [
      ("quantity-conflict", "48-hour", "24-hour"),
      ("quantity-conflict", "1,200 nurses", "nearly 2,000 nurses"),
      ("negation", "was not affected", "affected"),
    ],
  },
  {
    "title": "Satellite launch",
    "a": "The rocket lifted off from Kourou at 10:30 on Thursday carrying a weather satellite.\n"
         "The satellite weighs 3.2 tonnes.\n"
         "It was the agency's fifth launch this year.\n"
         "Engineers confirmed contact with the satellite 40 minutes after lift-off.",
    "b": "The rocket lifted off from Kourou at 11:30 on Thursday carrying a weather satellite.\n"
         "The satellite weighs 3.2 tonnes.\n"
         "It was the fifth launch from the site this year.\n"
         "Engineers confirmed contact with the satellite an hour after lift-off.",
    "marks": [
      ("time", "10:30", "11:30"),
      ("quantity-conflict", "40 minutes", "an hour"),
      ("agreement", "The satellite weighs 3.2 tonnes.", "The satellite weighs 3.2 tonnes."),
    ],
  },
  {
    "title": "Flood aid",
    "a": "The government pledged 500 million euros in flood aid on Friday.\n"
         "Prime minister Anna Berg visited the town of Passau.\n"
         "About 3,000 people remain in shelters.",
    "b": "The government pledged 300 million euros in flood aid on Friday.\n"
         "Prime minister Anna Berg visited the town of Deggendorf.\n"
         "About 3,000 people remain in shelters.",
    "marks": [
      ("quantity-conflict", "500 million euros", "300 million euros"),
      ("name", "Passau", "Deggendorf"),
      ("agreement", "About 3,000 people remain in shelters.", "About 3,000 people remain in shelters."),
    ],
  },
  {
    "title": "Mine rescue",
    "a": "Rescuers freed 14 miners trapped underground in Silesia after 30 hours.\n"
         "Two miners died in the accident, the mining company said.\n"
         "The mine will stay closed until an inquiry ends.",
    "b": "Rescuers freed more than a dozen miners trapped underground in Silesia after 30 hours.\n"
         "Three miners died in the accident, the mining company said.\n"
         "The mine will stay closed until an inquiry ends.",
    "marks": [
      ("quantity-precision", "14 miners", "more than a dozen miners"),
      ("quantity-conflict", "Two miners", "Three miners"),
      ("agreement", "The mine will stay closed until an inquiry ends.", "The mine will stay closed until an inquiry ends."),
    ],
  },
]

# Written after the code was tuned on PAIRS, and not tuned on: the honest
# figures.
HELD_OUT = [
  {
    "title": "Wildfire",
    "a": "A wildfire near Marseille burned 1,500 hectares of forest on Sunday.\n"
         "Around 600 firefighters and eight water bombers fought the flames.\n"
         "Authorities evacuated two villages as a precaution.\n"
         "The fire was brought under control late on Monday.",
    "b": "A forest fire near Marseille destroyed some 900 hectares on Sunday.\n"
         "Nearly 600 firefighters and eight water bombers fought the flames.\n"
         "Authorities evacuated three villages as a precaution.\n"
         "Firefighters said the fire was under control by Tuesday.",
    "marks": [
      ("quantity-conflict", "1,500 hectares", "some 900 hectares"),
      ("quantity-precision", "Around 600 firefighters", "Nearly 600 firefighters"),
      ("quantity-conflict", "two villages", "three villages"),
      ("date", "Monday", "Tuesday"),
    ],
  },
  {
    "title": "Central bank",
    "a": "The central bank raised its main interest rate by 0.25 percentage points on Thursday.\n"
         "Governor Elena Marquez said inflation was still too high.\n"
         "It was the bank's fourth increase this year.\n"
         "Markets had expected the move.",
    "b": "The central bank raised its main rate by 0.5 percentage points on Thursday.\n"
         "Governor Elena Marquez said inflation was falling faster than expected.\n"
         "It was the fourth meeting of the bank's board this year.\n"
         "Markets had not expected the move.",
    "marks": [
      ("quantity-conflict", "0.25 percentage points", "0.5 percentage points"),
      ("ordinal", "fourth increase", "fourth meeting"),
      ("negation", "had expected", "had not expected"),
    ],
  },
  {
    "title": "Ferry accident",
    "a": "A ferry ran aground off the island of Naxos at 7:40 on Wednesday.\n"
         "All 312 passengers were taken off safely, the coast guard said.\n"
         "The captain was arrested.",
    "b": "A ferry ran aground off the island of Paros at 7:40 on Wednesday.\n"
         "All 280 passengers were taken off safely, according to the coast guard.\n"
         "The captain was not arrested.",
    "marks": [
      ("name", "Naxos", "Paros"),
      ("quantity-conflict", "All 312 passengers", "All 280 passengers"),
      ("negation", "was arrested", "was not arrested"),
    ],
  },
  {
    "title": "Concert",
    "a": "The band played for two and a half hours at the stadium in Lisbon on Saturday.\n"
         "About 50,000 fans attended the concert.\n"
         "Tickets sold out in 20 minutes.",
    "b": "The band played for over two hours at the stadium in Lisbon on Saturday.\n"
         "About 70,000 fans attended the concert.\n"
         "Tickets sold out in under an hour.",
    "marks": [
      ("quantity-precision", "two and a half hours", "over two hours"),
      ("quantity-conflict", "About 50,000 fans", "About 70,000 fans"),
      ("quantity-precision", "20 minutes", "under an hour"),
    ],
  },
  {
    "title": "Protest",
    "a": "Thousands of farmers drove tractors into Brussels on Monday to protest against new rules.\n"
         "Police said 1,300 tractors blocked the streets around the parliament.\n"
         "The protest began at 10 a.m. and ended peacefully.",
    "b": "Thousands of farmers drove tractors into Brussels on Monday to protest against new rules.\n"
         "Police counted about 900 tractors around the parliament.\n"
         "The protest began at noon and ended in clashes with police.",
    "marks": [
      ("agreement", "Thousands of farmers drove tractors into Brussels on Monday to protest against new rules.",
                    "Thousands of farmers drove tractors into Brussels on Monday to protest against new rules."),
      ("quantity-conflict", "1,300 tractors", "about 900 tractors"),
      ("time", "10 a.m.", "noon"),
    ],
  },
  {
    "title": "Hostage release",
    "a": "Militants freed 12 hostages on Friday after talks mediated by Qatar.\n"
         "The hostages had been held for 40 days.\n"
         "It was the group's second release of captives this month.",
    "b": "Militants released 12 hostages on Friday after talks mediated by Egypt.\n"
         "The hostages had been held for six weeks.\n"
         "It was the second release of captives this month.",
    "marks": [
      ("name", "Qatar", "Egypt"),
      ("quantity-precision", "40 days", "six weeks"),
    ],
  },
]
