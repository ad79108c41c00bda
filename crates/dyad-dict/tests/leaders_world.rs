//! `dicts/leaders-world.txt` (issue 6): heads of state and government of
//! more countries, and foreign and defence ministers, resolve by date.

use dyad_core::Date;
use dyad_dict::dyad_format::{self, Match, MatchKind, lookup};

fn actor(text: &str, on: &str) -> Match {
    lookup(dyad_format::builtin(), text, Date::parse(on))
        .into_iter()
        .find(|m| m.kind == MatchKind::Actor)
        .unwrap_or_else(|| panic!("no actor in {text:?}"))
}

/// (code, holder) of a role phrase on a date.
fn held(text: &str, on: &str) -> (String, String) {
    let m = actor(text, on);
    (m.code.unwrap_or_default(), m.holder.unwrap_or_default())
}

fn pair(code: &str, holder: &str) -> (String, String) {
    (code.to_string(), holder.to_string())
}

#[test]
fn heads_of_government_by_date() {
    let cases = [
        (
            "Indian prime minister",
            "2015-06-01",
            "INDGOV",
            "Narendra Modi",
        ),
        (
            "Indian prime minister",
            "2000-01-01",
            "INDGOV",
            "Atal Bihari Vajpayee",
        ),
        (
            "Pakistani prime minister",
            "2020-01-01",
            "PAKGOV",
            "Imran Khan",
        ),
        (
            "Japanese prime minister",
            "2019-01-01",
            "JPNGOV",
            "Shinzo Abe",
        ),
        (
            "the Thai prime minister",
            "2012-03-01",
            "THAGOV",
            "Yingluck Shinawatra",
        ),
        (
            "Australia's prime minister",
            "2009-01-01",
            "AUSGOV",
            "Kevin Rudd",
        ),
        (
            "Ethiopian prime minister",
            "2020-11-04",
            "ETHGOV",
            "Abiy Ahmed",
        ),
        (
            "Italian prime minister",
            "2005-01-01",
            "ITAGOV",
            "Silvio Berlusconi",
        ),
        (
            "Spanish prime minister",
            "2019-01-01",
            "ESPGOV",
            "Pedro Sánchez",
        ),
        (
            "Canadian prime minister",
            "2016-01-01",
            "CANGOV",
            "Justin Trudeau",
        ),
        (
            "French prime minister",
            "2008-01-01",
            "FRAGOV",
            "François Fillon",
        ),
    ];
    for (text, on, code, holder) in cases {
        assert_eq!(held(text, on), pair(code, holder), "{text} on {on}");
    }
}

#[test]
fn heads_of_state_by_date() {
    let cases = [
        (
            "Brazilian president",
            "2005-01-01",
            "BRAGOV",
            "Luiz Inácio Lula da Silva",
        ),
        (
            "Brazilian president",
            "2020-01-01",
            "BRAGOV",
            "Jair Bolsonaro",
        ),
        (
            "South Korean president",
            "2018-01-01",
            "KORGOV",
            "Moon Jae-in",
        ),
        (
            "Nigerian president",
            "2016-01-01",
            "NGAGOV",
            "Muhammadu Buhari",
        ),
        (
            "Venezuelan president",
            "2010-01-01",
            "VENGOV",
            "Hugo Chávez",
        ),
        (
            "the Mexican president",
            "2020-01-01",
            "MEXGOV",
            "Andrés Manuel López Obrador",
        ),
        (
            "Argentine president",
            "2024-06-01",
            "ARGGOV",
            "Javier Milei",
        ),
        (
            "Belarusian president",
            "2021-01-01",
            "BLRGOV",
            "Alexander Lukashenko",
        ),
        (
            "Georgian president",
            "2010-01-01",
            "GEOGOV",
            "Mikheil Saakashvili",
        ),
        (
            "Kazakh president",
            "2015-01-01",
            "KAZGOV",
            "Nursultan Nazarbayev",
        ),
        (
            "Serbian president",
            "2020-01-01",
            "SRBGOV",
            "Aleksandar Vučić",
        ),
        (
            "South African president",
            "1996-01-01",
            "ZAFGOV",
            "Nelson Mandela",
        ),
        (
            "Philippine president",
            "2018-01-01",
            "PHLGOV",
            "Rodrigo Duterte",
        ),
        (
            "Indonesian president",
            "2016-01-01",
            "IDNGOV",
            "Joko Widodo",
        ),
        ("Jordanian king", "2010-01-01", "JORGOV", "Abdullah II"),
        (
            "emir of Qatar",
            "2020-01-01",
            "QATGOV",
            "Tamim bin Hamad Al Thani",
        ),
        ("Omani sultan", "2015-01-01", "OMNGOV", "Qaboos bin Said"),
        (
            "North Korean supreme leader",
            "2015-01-01",
            "PRKGOV",
            "Kim Jong-un",
        ),
    ];
    for (text, on, code, holder) in cases {
        assert_eq!(held(text, on), pair(code, holder), "{text} on {on}");
    }
}

#[test]
fn ministers_by_date() {
    let cases = [
        (
            "German foreign minister",
            "2010-01-01",
            "DEUGOV",
            "Guido Westerwelle",
        ),
        (
            "French defence minister",
            "2015-01-01",
            "FRAGOV",
            "Jean-Yves Le Drian",
        ),
        (
            "British defence secretary",
            "2021-01-01",
            "GBRGOV",
            "Ben Wallace",
        ),
        (
            "Chinese defence minister",
            "2020-01-01",
            "CHNGOV",
            "Wei Fenghe",
        ),
        (
            "Israeli defence minister",
            "2010-01-01",
            "ISRGOV",
            "Ehud Barak",
        ),
        (
            "Turkish defence minister",
            "2020-01-01",
            "TURGOV",
            "Hulusi Akar",
        ),
        (
            "Saudi defence minister",
            "2016-01-01",
            "SAUGOV",
            "Mohammed bin Salman",
        ),
        (
            "Ukrainian defence minister",
            "2022-06-01",
            "UKRGOV",
            "Oleksii Reznikov",
        ),
        (
            "Indian foreign minister",
            "2016-01-01",
            "INDGOV",
            "Sushma Swaraj",
        ),
        (
            "Pakistani army chief",
            "2018-01-01",
            "PAKMIL",
            "Qamar Javed Bajwa",
        ),
    ];
    for (text, on, code, holder) in cases {
        assert_eq!(held(text, on), pair(code, holder), "{text} on {on}");
    }
}

#[test]
fn names_resolve_in_and_out_of_office() {
    assert_eq!(actor("Modi", "2020-01-01").code.as_deref(), Some("INDGOV"));
    assert_eq!(
        actor("Narendra Modi", "2010-01-01").code.as_deref(),
        Some("INDELI")
    );
    assert_eq!(actor("Lula", "2005-01-01").code.as_deref(), Some("BRAGOV"));
    assert_eq!(actor("Lula", "2015-01-01").code.as_deref(), Some("BRAELI"));
    assert_eq!(
        actor("Jokowi", "2016-01-01").code.as_deref(),
        Some("IDNGOV")
    );
    assert_eq!(
        actor("Burhan", "2023-05-01").code.as_deref(),
        Some("SDNGOV")
    );
    assert_eq!(
        actor("Hemedti", "2024-01-01").code.as_deref(),
        Some("SDNREBRSF")
    );
    assert_eq!(
        actor("Haftar", "2020-01-01").code.as_deref(),
        Some("LBYREBLNA")
    );
    assert_eq!(
        actor("Musharraf", "2005-01-01").code.as_deref(),
        Some("PAKGOV")
    );
    assert_eq!(
        actor("Lukashenka", "2020-08-10").code.as_deref(),
        Some("BLRGOV")
    );
    assert_eq!(
        actor("Zapatero", "2006-01-01").code.as_deref(),
        Some("ESPGOV")
    );
    assert_eq!(
        actor("Farmaajo", "2019-01-01").code.as_deref(),
        Some("SOMGOV")
    );
}
