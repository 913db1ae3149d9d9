"""Texts of the accessibility statement (tilgængelighedserklæring) and the a11y helpers: key -> (Danish, English)."""

from __future__ import annotations

A11Y_TEXTS: dict[str, tuple[str, str]] = {
    "a11y.title": ("Tilgængelighedserklæring", "Accessibility statement"),
    "a11y.link": ("Tilgængelighed", "Accessibility"),
    "a11y.intro": (
        "{authority} forpligter sig til at gøre Sammen tilgængelig i overensstemmelse med lov om tilgængelighed af "
        "offentlige organers websteder og mobilapplikationer. Denne tilgængelighedserklæring gælder for {url}.",
        "{authority} is committed to making Sammen accessible in accordance with the Danish act on the accessibility "
        "of public sector bodies' websites and mobile applications. This accessibility statement applies to {url}."),
    "a11y.status.heading": ("Overholdelsesstatus", "Compliance status"),
    "a11y.status.full": (
        "Dette website er fuldt ud i overensstemmelse med {standard}.",
        "This website is fully compliant with {standard}."),
    "a11y.status.partial": (
        "Dette website er delvist i overensstemmelse med {standard} på grund af de manglende overholdelser, der er "
        "anført nedenfor.",
        "This website is partially compliant with {standard} due to the non-compliances listed below."),
    "a11y.status.none": (
        "Dette website er ikke i overensstemmelse med {standard}. De manglende overholdelser er anført nedenfor.",
        "This website is not compliant with {standard}. The non-compliances are listed below."),
    "a11y.status.full.short": ("Fuldt overholdt", "Fully compliant"),
    "a11y.status.partial.short": ("Delvist overholdt", "Partially compliant"),
    "a11y.status.none.short": ("Ikke overholdt", "Not compliant"),
    "a11y.problems.heading": ("Ikke-tilgængeligt indhold", "Non-accessible content"),
    "a11y.problems.none": (
        "Vi kender ikke til indhold, der ikke er tilgængeligt. Finder du noget, vil vi gerne høre om det.",
        "We know of no content that is not accessible. If you find something, please tell us."),
    "a11y.problems.intro": (
        "Det indhold, der er anført nedenfor, er ikke tilgængeligt på grund af manglende overholdelse af lov om "
        "tilgængelighed:",
        "The content listed below is non-accessible because it does not yet comply with the accessibility act:"),
    "a11y.problems.criterion": ("Succeskriterium", "Success criterion"),
    "a11y.problems.page": ("Side", "Page"),
    "a11y.problems.what": ("Problem", "Problem"),
    "a11y.problems.fixed_by": ("Rettes senest", "Fixed by"),
    "a11y.prepared.heading": ("Udarbejdelse af denne tilgængelighedserklæring",
                              "Preparation of this accessibility statement"),
    "a11y.prepared.date": ("Denne erklæring blev udarbejdet den {prepared} og senest gennemgået den {reviewed}.",
                           "This statement was prepared on {prepared} and last reviewed on {reviewed}."),
    "a11y.prepared.method": (
        "Vurderingen er en selvevaluering: en automatisk test med axe-core (reglerne for WCAG 2.0 og 2.1, niveau A "
        "og AA) kører ved hver ændring over {states} sidetilstande for alle roller på deres skærmstørrelser, på dansk "
        "og engelsk. Dertil kommer test i Chromium med tastatur alene af de vigtigste opgaver (at tjekke et barn ind "
        "og ud, at tjekke ind på vægskærmen og at sende en besked), som også kontrollerer, hvad en skærmlæser læser "
        "op: knappernes navne, hvor fokus er, og beskeder i levende områder.",
        "The assessment is a self-evaluation: an automated axe-core test (the WCAG 2.0 and 2.1 level A and AA rules) "
        "runs on every change over {states} page states for every role at its screen size, in Danish and English. "
        "In addition, tests in Chromium do the core tasks with the keyboard alone (checking a child in and out, "
        "checking in at the wall screen, and sending a message) and check what a screen reader reads out: the "
        "buttons' names, where focus is, and messages in live regions."),
    "a11y.contact.heading": ("Feedback og kontaktoplysninger", "Feedback and contact information"),
    "a11y.contact.text": (
        "Oplever du problemer med tilgængeligheden, eller mangler du indhold i en tilgængelig form, så skriv til "
        "{authority} på",
        "If you have problems with accessibility, or need content in an accessible form, write to {authority} at"),
    "a11y.contact.answer": ("Vi svarer inden for 14 dage.", "We answer within 14 days."),
    "a11y.complaint.heading": ("Håndhævelsesprocedure", "Enforcement procedure"),
    "a11y.complaint.text": (
        "Digitaliseringsstyrelsen fører tilsyn med, at offentlige websteder overholder lov om tilgængelighed. Er du "
        "ikke tilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen.",
        "The Danish Agency for Digital Government (Digitaliseringsstyrelsen) supervises that public websites comply "
        "with the accessibility act. If you are not satisfied with our answer, you can complain to the agency."),
    "a11y.complaint.link": ("Klag til Digitaliseringsstyrelsen",
                            "Complain to the Danish Agency for Digital Government"),
    "a11y.complaint.was": ("Offentlige myndigheders erklæringer findes også på", "Public authorities' statements are "
                           "also published at"),
    "a11y.back": ("Til Sammen", "To Sammen"),
    "a11y.chart.table": ("Tallene bag diagrammet", "The figures behind the chart"),
    "a11y.field.of_day": ("{day}: {field}", "{day}: {field}"),
    "a11y.upload.clear": ("Ryd listen over lagte filer", "Clear the list of uploaded files"),
    "a11y.upload.file": ("Fjern {name} fra listen", "Remove {name} from the list"),
    "a11y.photo_of": ("Foto af {name}", "Photo of {name}"),
    "a11y.photo": ("Foto af barnet", "Photo of the child"),
    "a11y.cal.feed_url": ("Din private kalenderadresse", "Your private calendar address"),
    "a11y.chart.question": ("Spørgsmål", "Question"),
    "a11y.chart.week": ("Uge", "Week"),
    "a11y.chart.day": ("Dag", "Day"),
    "a11y.chart.span": ("Spor eller fase", "Track or phase"),
    "a11y.chart.start": ("Start", "Start"),
    "a11y.chart.end": ("Slut", "End"),
    "a11y.chart.attendance": ("Forventet fremmøde pr. dag", "Expected attendance per day"),
    "a11y.chart.name": ("Diagram: {what}. Tallene står i tabellen under diagrammet.",
                        "Chart: {what}. The figures are in the table below the chart."),
}
