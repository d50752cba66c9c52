"""The main pages of the demo, public and signed in: where the page-wide tests (languages,
accessibility) start."""

PUBLIC_PAGES = (
    "/",
    "/states/",
    "/states/NGA/",
    "/treaties/",
    "/treaties/matrix/",
    "/treaties/period/",
    "/treaties/states/NGA/",
    "/treaties/FINANCING_1999/",
    "/library/",
    "/library/?q=terrorism",
    "/library/records/demo-leg-nga-2013/",
    "/cooperation/profiles/",
    "/cooperation/notices/",
)
SIGNED_IN_PAGES = (
    "/cases/",
    "/cases/monitoring/",
    "/cases/visits/",
    "/cases/hearings/",
    "/cooperation/",
    "/cooperation/tracking/",
    "/cooperation/networks/",
    "/cooperation/e-evidence/",
    "/cooperation/e-evidence/providers/",
    "/assistance/",
    "/assistance/results/",
    "/reports/",
    "/evaluations/",
)
