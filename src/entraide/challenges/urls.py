"""The addresses of challenges, under /defis/. The pages come next; the participant's private
page will be served at Participant.private_url(): <slug>/moi/<token>/ (hooks.py registers it
as a private address)."""

app_name = "challenges"
urlpatterns = []
