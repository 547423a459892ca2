"""zwgk: build an accessible 政务公开专栏 from a government's annual open-affairs work plan.

The pipeline, one module per stage:
load (YAML -> validated model) -> model (dataclasses) -> responsibility (责任单位 text -> assignments)
-> render (Jinja2) -> write (atomic output) -> check (links and accessibility) -> serve (preview).
"""
