from django.urls import path  # noqa: F401

app_name = "surveys"
urlpatterns = [
    # Building (organisers): views/building.py, views/manage.py
    # Answering and invitations: views/answering.py, views/invitations.py
    # Results, exports and the report: views/results.py, views/exports.py
]
