"""Statements run on the database driver's own cursor, compiled once for each kind of database.

A server records a set with a few short statements, and for each of them
SQLAlchemy's `Connection.execute` (cache lookup, parameter and result
objects, events) costs several times what SQLite itself spends. The few
statements on that path are compiled here once per dialect and sent
straight to the driver, inside the caller's SQLAlchemy transaction, so they
commit or roll back with everything else. Column and parameter types still
come from SQLAlchemy: a JSON column reads back the same either way.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine


@dataclass(frozen=True)
class _Compiled:
    sql: str
    #: parameter names in order, for drivers that take a tuple (SQLite); None: a mapping
    order: tuple[str, ...] | None
    binds: dict[str, Callable[[Any], Any]]
    results: dict[str, Callable[[Any], Any]]


class DriverStatement:
    """One SQL statement with `:name` parameters, run on the driver's cursor.

    Args:
        sql: the statement, in SQL that every supported database speaks.
        binds: types of parameters that need converting (JSON, booleans, times).
        columns: types of result columns that need converting.
    """

    def __init__(
        self,
        sql: str,
        *,
        binds: Mapping[str, TypeEngine] | None = None,
        columns: Mapping[str, TypeEngine] | None = None,
    ) -> None:
        self._clause = text(sql).bindparams(
            *(bindparam(name, type_=type_) for name, type_ in (binds or {}).items())
        )
        self._columns = dict(columns or {})
        self._compiled: dict[str, _Compiled] = {}
        self._rows: dict[tuple[str, ...], type] = {}

    def run(self, connection: Connection, params: Mapping[str, Any]) -> None:
        """Execute, for a statement that returns nothing."""
        self._execute(connection, params).close()

    def first(self, connection: Connection, params: Mapping[str, Any]) -> Any | None:
        """The first row (fields by column name), or None."""
        cursor = self._execute(connection, params)
        try:
            found = cursor.fetchone()
            if found is None:
                return None
            names = tuple(column[0] for column in cursor.description)
        finally:
            cursor.close()
        row_type = self._rows.get(names)
        if row_type is None:
            row_type = self._rows.setdefault(names, namedtuple("Row", names))
        convert = self._compiled_for(connection.dialect).results
        if convert:
            found = [
                value if value is None or name not in convert else convert[name](value)
                for name, value in zip(names, found, strict=True)
            ]
        return row_type._make(found)

    def _execute(self, connection: Connection, params: Mapping[str, Any]) -> Any:
        compiled = self._compiled_for(connection.dialect)
        if compiled.binds:
            params = {
                name: compiled.binds[name](value) if name in compiled.binds else value
                for name, value in params.items()
            }
        arguments = (
            params if compiled.order is None else tuple(params[name] for name in compiled.order)
        )
        cursor = connection.connection.cursor()
        try:
            cursor.execute(compiled.sql, arguments)
        except BaseException:
            cursor.close()
            raise
        return cursor

    def _compiled_for(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self._clause.compile(dialect=dialect)
            order = tuple(compiled.positiontup) if compiled.positional else None
            binds = {}
            for name, parameter in compiled.binds.items():
                process = parameter.type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    binds[name] = process
            results = {}
            for name, type_ in self._columns.items():
                process = type_.dialect_impl(dialect).result_processor(dialect, None)
                if process is not None:
                    results[name] = process
            found = self._compiled.setdefault(
                dialect.name, _Compiled(compiled.string, order, binds, results)
            )
        return found
