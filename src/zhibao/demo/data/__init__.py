"""Reference data for the demo: real divisions, population, zones, public bodies and GI
products of Xi'an, and the word lists that generated records are built from.

Every module says where its facts come from. Facts marked [V-sec] were checked against a
secondary source, [M] are from memory and unverified (see the project's domain-rules fact
sheet, section 9); generated records (companies, people, rights) are fictitious.
"""
