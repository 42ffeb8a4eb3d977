"""Views per area: ``public`` (anyone), ``workspace`` (a jurisdiction's members), ``review`` (the
secretariat), ``acts`` (workflow and comments, shared), ``assets`` (Plotly's JS)."""
