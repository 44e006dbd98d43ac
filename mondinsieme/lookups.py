"""``__in`` on integer columns ignores values no column can hold, as ``exact`` already does.

Django drops out-of-range integers from ``exact``/``gt``/``lt`` lookups but not from ``in``:
a form's multiple choice posted with ``99999999999999999999`` made SQLite raise OverflowError
(a 500) while cleaning the field. With this lookup the value simply matches nothing and the form
answers "not a valid choice". Registered in ``MondinsiemeConfig.ready``.
"""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
