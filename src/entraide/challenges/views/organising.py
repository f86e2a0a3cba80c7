"""(Pages to come: see urls.py.)"""

urlpatterns = []
