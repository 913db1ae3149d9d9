"""User-facing texts of the development login pages (Danish, with an English fallback set)."""

DA: dict[str, str] = {
    'title': 'Udviklings-login (MitID / UNI-Login)',
    'intro': 'Kun til udvikling og test. Vælg hvem du vil logge ind som.',
    'search': 'Søg efter navn',
    'search_placeholder': 'Skriv for at filtrere …',
    'acr_legend': 'Sikringsniveau',
    'acr_2': '2 — UNI-Login / adgangskode',
    'acr_3': '3 — MitID',
    'no_users': 'Der er ingen brugere at vælge imellem.',
    'no_match': 'Ingen brugere passer til søgningen.',
    'error_title': 'Login-fejl',
    'error_heading': 'Login kan ikke gennemføres',
    'error_hint': 'Gå tilbage til appen og prøv at logge ind igen.',
    'error_detail': 'Teknisk detalje',
    'generic': 'Login-forespørgslen er ugyldig.',
    'invalid_client': 'Ukendt klient: client_id hører ikke til denne udviklings-login.',
    'unsupported_response_type': 'Kun response_type=code understøttes.',
    'unauthorized_client': 'Klienten må ikke bruge denne login-type.',
    'no_redirect': 'redirect_uri mangler.',
    'bad_redirect': 'redirect_uri er ikke tilladt. Kun http(s)://localhost, 127.0.0.1, [::1] eller test '
                    'med stien /auth/callback.',
    'no_pkce': 'PKCE mangler: code_challenge med code_challenge_method=S256 er påkrævet.',
    'no_openid': 'scope skal indeholde "openid".',
    'unknown_user': 'Den valgte bruger findes ikke (længere). Gå tilbage og vælg igen.',
    'bad_acr': 'Vælg sikringsniveau 2 eller 3.',
    'cancel': 'Afbryd',
    'logged_out_title': 'Logget ud',
    'logged_out': 'Du er logget ud af udviklings-login.',
    'no_hint': 'Log ud kræver id_token_hint med et ID-token, som denne udviklings-login har udstedt.',
    'bad_post_logout': 'post_logout_redirect_uri er ikke tilladt. Kun http(s)://localhost, 127.0.0.1, [::1] '
                       'eller test med stien /login.',
}

EN: dict[str, str] = {
    'title': 'Development login (MitID / UNI-Login)',
    'intro': 'For development and testing only. Choose who to log in as.',
    'search': 'Search by name',
    'search_placeholder': 'Type to filter …',
    'acr_legend': 'Assurance level',
    'acr_2': '2 — UNI-Login / password',
    'acr_3': '3 — MitID',
    'no_users': 'There are no users to choose from.',
    'no_match': 'No users match the search.',
    'error_title': 'Login error',
    'error_heading': 'Login cannot be completed',
    'error_hint': 'Go back to the app and try logging in again.',
    'error_detail': 'Technical detail',
    'generic': 'The login request is invalid.',
    'invalid_client': 'Unknown client: client_id does not belong to this development login.',
    'unsupported_response_type': 'Only response_type=code is supported.',
    'unauthorized_client': 'The client may not use this kind of login.',
    'no_redirect': 'redirect_uri is missing.',
    'bad_redirect': 'redirect_uri is not allowed. Only http(s)://localhost, 127.0.0.1, [::1] or test '
                    'with the path /auth/callback.',
    'no_pkce': 'PKCE is missing: code_challenge with code_challenge_method=S256 is required.',
    'no_openid': 'scope must contain "openid".',
    'unknown_user': 'The chosen user does not exist (any more). Go back and choose again.',
    'bad_acr': 'Choose assurance level 2 or 3.',
    'cancel': 'Cancel',
    'logged_out_title': 'Logged out',
    'logged_out': 'You are logged out of the development login.',
    'no_hint': 'Logging out needs id_token_hint with an ID token this development login issued.',
    'bad_post_logout': 'post_logout_redirect_uri is not allowed. Only http(s)://localhost, 127.0.0.1, [::1] '
                       'or test with the path /login.',
}


def texts_for(lang: str) -> dict[str, str]:
    """Texts for ``lang`` ('da' or 'en'); anything else gets Danish."""
    return EN if lang == 'en' else DA
