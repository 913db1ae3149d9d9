"""Danish templates for the demo message history; names are filled in with str.format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    """A subject and the messages of a conversation, speakers alternating from the one who starts it."""

    subject: str
    bodies: tuple[str, ...]
    folder: str = ""  # the folder a named member of staff files it in


WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag")
FOLDER_TALKS = "Forældresamtaler"
FOLDER_ARCHIVE = "Arkiv"

ANNOUNCEMENTS = (
    Script("Tur i skoven på {weekday}", (
        "Kære forældre i {group}\n\nPå {weekday} går vi en tur i skoven. Husk praktisk tøj, gummistøvler og en "
        "ekstra madpakke. Vi er tilbage ved frokosttid.\n\nVenlig hilsen\n{staff}",)),
    Script("Husk skiftetøj", (
        "Kære forældre i {group}\n\nVejret skifter meget for tiden. Tjek gerne jeres barns kurv og sørg for, at "
        "der er skiftetøj, regntøj og et par ekstra sokker.\n\nTak for hjælpen\n{staff}",)),
    Script("Forældremøde i {group}", (
        "Kære forældre i {group}\n\nVi holder forældremøde {weekday} om to uger kl. 17.00. Vi fortæller om "
        "efteråret, og der er tid til spørgsmål. Der er kaffe og kage.\n\nVenlig hilsen\n{staff}",)),
    Script("Ugebrev fra {group}", (
        "Kære forældre\n\nDenne uge har vi arbejdet med farver og former, og vi har været meget ude. På {weekday} "
        "fejrer vi fødselsdage for dem, der har haft fødselsdag i måneden.\n\nGod weekend når den kommer\n{staff}",)),
    Script("Lus i {group}", (
        "Kære forældre i {group}\n\nVi har fundet lus hos et par børn. Tjek venligst jeres barn i aften og behandl "
        "hele familien, hvis I finder noget. Sig gerne til, så vi ved det.\n\nVenlig hilsen\n{staff}",)),
    Script("Fotografering {weekday}", (
        "Kære forældre\n\nFotografen kommer {weekday} formiddag og tager portrætter og gruppebillede af "
        "{group}. Billederne kan bestilles bagefter.\n\nVenlig hilsen\n{staff}",)),
    Script("Ændrede åbningstider i næste uge", (
        "Kære forældre i {group}\n\nPå grund af personalemøde lukker vi kl. 16.00 på {weekday} i næste uge. "
        "Giv gerne besked, hvis det giver problemer.\n\nVenlig hilsen\n{staff}, {inst}",)),
)

FROM_PARENT = (
    Script("{child} er syg i dag", (
        "Hej {staff}\n\n{child} har feber og bliver hjemme i dag. Vi håber at være tilbage i morgen.\n\n"
        "Hilsen {parent}",
        "Tak for beskeden, og god bedring til {child}.\n\nHilsen {staff}")),
    Script("Afhentning i dag", (
        "Hej {staff}\n\n{child} bliver hentet af sin farmor i dag kl. 14.30. Hun har været med før.\n\n"
        "Hilsen {parent}",
        "Det er noteret. Tak!\n\n{staff}")),
    Script("Glemt hue", (
        "Hej {staff}\n\n{child} kom hjem uden sin blå hue i går. Har I set den?\n\nHilsen {parent}",
        "Hej {parent}\n\nDen lå i glemmekassen ved indgangen. Den hænger nu på {child}s knage.\n\n{staff}",
        "Super, tak!")),
    Script("Tandlæge på {weekday}", (
        "Hej {staff}\n\n{child} skal til tandlæge på {weekday} kl. 10 og kommer først efter frokost.\n\n"
        "Hilsen {parent}",
        "Tak for besked, vi gemmer frokost til {child}.\n\n{staff}")),
    Script("Legeaftale", (
        "Hej {staff}\n\n{child} må gerne gå med en kammerat hjem i dag. Vi har talt med de andre forældre.\n\n"
        "Hilsen {parent}",
        "Fint, vi giver {child} besked. Husk at skrive det i KommeGå også.\n\n{staff}",
        "Det gør vi. Tak.")),
    Script("Spørgsmål om madpakke", (
        "Hej {staff}\n\nSkal {child} have madpakke med på turen på {weekday}, eller sørger I for frokost?\n\n"
        "Hilsen {parent}",
        "Hej {parent}\n\nMadpakke og drikkedunk, tak. Vi sørger for frugt.\n\n{staff}")),
    Script("{child} sov dårligt i nat", (
        "Hej {staff}\n\n{child} har sovet dårligt i nat og er lidt træt. Måske trænger {child} til en ekstra "
        "lur i dag.\n\nHilsen {parent}",
        "Tak fordi du siger det. Vi tager hensyn til det i dag.\n\n{staff}")),
)

FROM_STAFF = (
    Script("{child} har haft en god dag", (
        "Hej {parent}\n\nJeg ville bare fortælle, at {child} har haft en rigtig god dag og hjalp de andre med at "
        "rydde op efter frokost.\n\nHilsen {staff}",
        "Hvor dejligt at høre. Tak fordi du skriver!")),
    Script("Manglende skiftetøj", (
        "Hej {parent}\n\n{child}s kurv med skiftetøj er tom. Vil I tage noget med i morgen?\n\nHilsen {staff}",
        "Ja, det gør vi. Tak for påmindelsen.")),
    Script("Forældresamtale om {child}", (
        "Hej {parent}\n\nVi vil gerne invitere til en forældresamtale om {child}. Passer {weekday} kl. 15.00?\n\n"
        "Venlig hilsen\n{staff}",
        "Det passer fint. Vi kommer begge to.",
        "Dejligt, så ses vi {weekday}.\n\n{staff}"), folder=FOLDER_TALKS),
    Script("Medicin til {child}", (
        "Hej {parent}\n\nVi har brug for en underskrevet medicinseddel, før vi kan give {child} medicinen. "
        "Sedlen ligger i garderoben.\n\nHilsen {staff}",
        "Den tager vi med i morgen.")),
)

STAFF_TALK = (
    Script("Vagtplan næste uge", (
        "Hej\n\nJeg har lagt udkastet til næste uges vagtplan på personalerummet. Sig til, hvis noget ikke "
        "passer.\n\n{staff}",
        "Jeg kan ikke lukke på {weekday}. Kan nogen bytte?",
        "Jeg tager den.")),
    Script("Personalemøde {weekday}", (
        "Hej alle\n\nHusk personalemøde {weekday} kl. 16.15. Punkter til dagsordenen sendes til mig.\n\n{staff}",
        "Jeg vil gerne have et punkt om legepladsen.")),
    Script("Indkøb", (
        "Hej\n\nVi mangler maling, pensler og karton. Skal jeg bestille det hos den sædvanlige leverandør?\n\n"
        "{staff}",
        "Ja, gør det. Tak!")),
    Script("Syg i morgen", (
        "Hej\n\nJeg er desværre blevet syg og kommer ikke i morgen. Kan nogen tage min tidlige vagt?\n\n{staff}",
        "Jeg kan godt. God bedring.")),
)

TO_INBOX = (
    Script("Ferie i juleugen", (
        "Hej\n\nHvornår skal vi senest melde ferie for {child} i juleugen?\n\nHilsen {parent}",
        "Hej {parent}\n\nFerie meldes senest 14 dage før under KommeGå. Tak fordi I melder det.\n\n"
        "Venlig hilsen\n{staff}, {inst}")),
    Script("Ny adresse", (
        "Hej\n\nVi er flyttet. Skal vi selv rette adressen for {child}, eller gør I det?\n\nHilsen {parent}",
        "Hej {parent}\n\nAdressen kommer fra folkeregistret, så I skal ikke gøre mere. Tak for beskeden.\n\n"
        "Venlig hilsen\n{staff}, {inst}")),
    Script("Betaling for turen", (
        "Hej\n\nHvordan betaler vi for turen, {child} skal med på?\n\nHilsen {parent}",
        "Hej {parent}\n\nBeløbet trækkes sammen med den næste forældrebetaling.\n\nVenlig hilsen\n{staff}, {inst}")),
    Script("Plads til lillebror", (
        "Hej\n\n{child}s lillebror skal starte næste år. Hvordan skriver vi ham op?\n\nHilsen {parent}",
        "Hej {parent}\n\nDet gør I på kommunens pladsanvisning. Søskende får fortrinsret.\n\n"
        "Venlig hilsen\n{staff}, {inst}")),
)

# Fictitious and deliberately vague; marked sensitive, so their text never appears in previews.
SENSITIVE = (
    Script("Opfølgning på vores snak", (
        "Hej {parent}\n\nSom aftalt skriver jeg om, hvordan {child} har det i klassen. {child} har i de sidste "
        "uger virket trist og har flere gange sagt, at der ikke er nogen at lege med i frikvartererne. Vi holder "
        "øje med det, og vi vil gerne tale med jer om at inddrage skolens AKT-vejleder.\n\nVenlig hilsen\n{staff}",
        "Tak fordi du skriver. {child} har også været ked af det derhjemme. Vi vil gerne mødes snarest.",
        "Jeg foreslår {weekday} kl. 15.00. Jeg spørger AKT-vejlederen, om hun kan være med.\n\n{staff}")),
    Script("Henvendelse fra lederen", (
        "Hej {parent}\n\nVi har over en periode set, at {child}s sprog udvikler sig langsommere end forventet. "
        "Vi vil gerne med jeres samtykke bede PPR om en vurdering. Ring gerne til mig, så vi kan tale om det.\n\n"
        "Venlig hilsen\n{staff}",
        "Det er fint med os. Vi ringer i morgen formiddag.")),
    Script("Ændringer derhjemme", (
        "Hej {staff}\n\nVi vil gerne fortælle, at vi er gået fra hinanden. {child} bor nu skiftevis hos os begge "
        "en uge ad gangen og kan være lidt ude af den. Sig endelig til, hvis I mærker noget.\n\nHilsen {parent}",
        "Tak fordi I fortæller det. Vi passer godt på {child} og giver besked, hvis vi ser noget.\n\n{staff}")),
)

AUTO_REPLY = ("Tak for din besked. Jeg er på kursus til og med {last_day} og læser ikke beskeder imens. Haster det, "
              "så skriv til {inst}s fællespostkasse.")
