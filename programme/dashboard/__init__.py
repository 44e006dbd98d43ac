"""The staff dashboard of the programme: indicators per objective, charts, PDF and XLSX."""
