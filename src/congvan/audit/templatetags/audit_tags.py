"""``{% load audit_tags %}{% document_history doc %}``: the document's history, a table."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("audit/_history.html")
def document_history(document):
    from congvan.audit.chain import history

    return {"events": history(document.pk) if document is not None else []}
