"""The forms of a story's episode and photo pages. They only read what was sent: the files
are checked by their content in entraide.stories.media, the rules in services/media.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.stories.media import audio_formats_text, photo_formats_text
from entraide.stories.models import ALT_MAX, CHAPTERS_MAX, TRANSCRIPT_MAX


class AudioForm(forms.Form):
    audio = forms.FileField(
        label=_("Audio file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".mp3,.ogg,.opus,.oga,.m4a,audio/*"}),
        error_messages={"required": _("Choose the recording to send.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audio"].help_text = audio_formats_text()


class TranscriptForm(forms.Form):
    transcript = forms.CharField(
        label=_("Transcript (Markdown)"),
        required=False,
        help_text=_(
            "Required for publication: people who are deaf or hard of hearing, and anyone who "
            "cannot listen, read it instead; it is shown below the player."
        ),
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": TRANSCRIPT_MAX}),
    )


class ChaptersForm(forms.Form):
    chapters = forms.CharField(
        label=_("Chapters (optional)"),
        required=False,
        help_text=_(
            'One a line, in order: its start then its title, e.g. "00:00 Welcome" or '
            '"1:02:30 Her dreams". Podcast apps show them.'
        ),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": CHAPTERS_MAX}),
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Choose the photo to send.")},
    )
    alt = forms.CharField(
        label=_("Description of the photo"),
        help_text=_("Required: what a screen reader says to those who cannot see it."),
        max_length=ALT_MAX,
        widget=forms.TextInput(attrs={"maxlength": ALT_MAX}),
        error_messages={"required": _("Describe the photo for those who cannot see it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = (
            photo_formats_text()
            + " "
            + str(
                _(
                    "Its metadata (EXIF: the place it was taken, the camera, the date) are removed "
                    "when it is sent."
                )
            )
        )


class AltForm(forms.Form):
    alt = PhotoForm.base_fields["alt"]
