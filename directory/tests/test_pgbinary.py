"""Whole columns read from PostgreSQL's binary formats (directory/pgbinary.py)."""

import numpy as np
import pytest
from django.db import connection

from directory.pgbinary import binary_array, copied_columns

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's binary formats"),
]

ROWS = (
    "SELECT n::int8, (n %% 7)::int2, n %% 2 = 0, (n * 1000)::int4 FROM generate_series(1, %s) AS n ORDER BY n"
)


def test_copied_columns_are_the_rows_values_in_order():
    with connection.cursor() as cursor:
        ids, sevens, even, thousands = copied_columns(
            cursor, ROWS, [5000], [np.int64, np.int16, bool, np.int32]
        )
    assert ids.tolist() == list(range(1, 5001))
    assert sevens.tolist() == [n % 7 for n in range(1, 5001)]
    assert even.tolist() == [n % 2 == 0 for n in range(1, 5001)]
    assert thousands.dtype == np.int32 and thousands[-1] == 5_000_000


def test_no_rows_give_empty_columns():
    with connection.cursor() as cursor:
        (ids,) = copied_columns(cursor, "SELECT 1::int8 WHERE false AND %s", [True], [np.int64])
    assert ids.tolist() == [] and ids.dtype == np.int64


@pytest.mark.parametrize(
    "query",
    [
        "SELECT NULLIF(n, 3)::int8 FROM generate_series(1, %s) AS n",  # a NULL
        "SELECT n::int4 FROM generate_series(1, %s) AS n",  # narrower than asked for
    ],
)
def test_a_null_or_a_value_of_another_width_is_refused_not_misread(query):
    with connection.cursor() as cursor, pytest.raises(ValueError, match="fixed-width"):
        copied_columns(cursor, query, [10], [np.int64])


def test_array_send_columns_read_back():
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_send(array_agg(n::int8 ORDER BY n)) FROM generate_series(1, 300) AS n")
        assert binary_array(cursor.fetchone()[0], np.int64).tolist() == list(range(1, 301))
        cursor.execute("SELECT array_send(array_agg(n)) FROM generate_series(1, 0) AS n")
        assert binary_array(cursor.fetchone()[0], np.int64).tolist() == []
