class DomainError(Exception):
    """A rule of the domain refused an operation. Views turn it into a form error and a 400.

    `field` names the form field the message belongs beside (None: the whole form).
    """

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def add_domain_error(form, error: DomainError):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
