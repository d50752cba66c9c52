"""The instruments' names, marked for translation so the six language catalogues carry them.
The English text must match instruments.csv exactly (a test checks this)."""

from django.utils.translation import gettext_noop

SHORT_NAMES = (
    gettext_noop("Tokyo Convention 1963"),
    gettext_noop("Hague Convention 1970"),
    gettext_noop("Montreal Convention 1971"),
    gettext_noop("Diplomatic Agents Convention 1973"),
    gettext_noop("Hostages Convention 1979"),
    gettext_noop("CPPNM 1980"),
    gettext_noop("Airports Protocol 1988"),
    gettext_noop("SUA Convention 1988"),
    gettext_noop("Fixed Platforms Protocol 1988"),
    gettext_noop("Plastic Explosives Convention 1991"),
    gettext_noop("Terrorist Bombings Convention 1997"),
    gettext_noop("Terrorist Financing Convention 1999"),
    gettext_noop("Nuclear Terrorism Convention 2005"),
    gettext_noop("CPPNM Amendment 2005"),
    gettext_noop("SUA Protocol 2005"),
    gettext_noop("Fixed Platforms Protocol 2005"),
    gettext_noop("Beijing Convention 2010"),
    gettext_noop("Beijing Protocol 2010"),
    gettext_noop("Montreal Protocol 2014"),
)

FULL_TITLES = (
    gettext_noop("Convention on Offences and Certain Other Acts Committed on Board Aircraft"),
    gettext_noop("Convention for the Suppression of Unlawful Seizure of Aircraft"),
    gettext_noop(
        "Convention for the Suppression of Unlawful Acts against the Safety of Civil Aviation"
    ),
    gettext_noop(
        "Convention on the Prevention and Punishment of Crimes against Internationally Protected Persons, including Diplomatic Agents"
    ),
    gettext_noop("International Convention against the Taking of Hostages"),
    gettext_noop("Convention on the Physical Protection of Nuclear Material"),
    gettext_noop(
        "Protocol for the Suppression of Unlawful Acts of Violence at Airports Serving International Civil Aviation, supplementary to the Convention for the Suppression of Unlawful Acts against the Safety of Civil Aviation, done at Montreal on 23 September 1971"
    ),
    gettext_noop(
        "Convention for the Suppression of Unlawful Acts against the Safety of Maritime Navigation"
    ),
    gettext_noop(
        "Protocol for the Suppression of Unlawful Acts against the Safety of Fixed Platforms Located on the Continental Shelf"
    ),
    gettext_noop("Convention on the Marking of Plastic Explosives for the Purpose of Detection"),
    gettext_noop("International Convention for the Suppression of Terrorist Bombings"),
    gettext_noop("International Convention for the Suppression of the Financing of Terrorism"),
    gettext_noop("International Convention for the Suppression of Acts of Nuclear Terrorism"),
    gettext_noop("Amendment to the Convention on the Physical Protection of Nuclear Material"),
    gettext_noop(
        "Protocol of 2005 to the Convention for the Suppression of Unlawful Acts against the Safety of Maritime Navigation"
    ),
    gettext_noop(
        "Protocol of 2005 to the Protocol for the Suppression of Unlawful Acts against the Safety of Fixed Platforms Located on the Continental Shelf"
    ),
    gettext_noop(
        "Convention on the Suppression of Unlawful Acts Relating to International Civil Aviation"
    ),
    gettext_noop(
        "Protocol Supplementary to the Convention for the Suppression of Unlawful Seizure of Aircraft"
    ),
    gettext_noop(
        "Protocol to Amend the Convention on Offences and Certain Other Acts Committed on Board Aircraft"
    ),
)
