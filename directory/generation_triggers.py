"""Database triggers that replace the directory generation when a table changes.

Migration 0011 watches the listing and taxonomy tables. Tables added later
(by this app or by the apps above it whose rows public pages show) are
watched through these functions, from their own migrations, in the same way:
statement-level on PostgreSQL (through 0011's `directory_generation_bump()`),
row-level on SQLite.
"""

TABLE = "directory_directorygeneration"
SQLITE_BUMP = f"INSERT OR REPLACE INTO {TABLE} (id, token) VALUES (1, lower(hex(randomblob(16))))"


def watch(schema_editor, tables):
    """Replace the generation on any insert, update or delete in `tables`."""
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            execute(
                f"CREATE TRIGGER {table}_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump()"
            )
        elif vendor == "sqlite":
            for event in ["INSERT", "UPDATE", "DELETE"]:
                execute(
                    f"CREATE TRIGGER {table}_generation_{event.lower()} AFTER {event} ON {table} "
                    f"BEGIN {SQLITE_BUMP}; END"
                )


def unwatch(schema_editor, tables):
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            execute(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}")
        elif vendor == "sqlite":
            for event in ["insert", "update", "delete"]:
                execute(f"DROP TRIGGER IF EXISTS {table}_generation_{event}")


def watch_column(schema_editor, table, column):
    """Replace the generation only when `column` of a row in `table` gets another value.

    For tables written often whose public part is one column: a write that
    leaves the column as it was keeps every cached page and count.
    """
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    name = f"{table}_{column}_generation"
    if vendor == "postgresql":
        conditions = {
            "INSERT": f"NEW.{column} IS NOT NULL",
            "UPDATE": f"OLD.{column} IS DISTINCT FROM NEW.{column}",
            "DELETE": f"OLD.{column} IS NOT NULL",
        }
        for event, condition in conditions.items():
            execute(
                f"CREATE TRIGGER {name}_{event.lower()} AFTER {event} ON {table} FOR EACH ROW "
                f"WHEN ({condition}) EXECUTE FUNCTION directory_generation_bump()"
            )
        execute(
            f"CREATE TRIGGER {name}_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump()"
        )
    elif vendor == "sqlite":
        conditions = {
            "INSERT": f"NEW.{column} IS NOT NULL",
            "UPDATE OF " + column: f"OLD.{column} IS NOT NEW.{column}",
            "DELETE": f"OLD.{column} IS NOT NULL",
        }
        for event, condition in conditions.items():
            suffix = event.split()[0].lower()
            execute(
                f"CREATE TRIGGER {name}_{suffix} AFTER {event} ON {table} WHEN {condition} BEGIN {SQLITE_BUMP}; END"
            )


def unwatch_column(schema_editor, table, column):
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    name = f"{table}_{column}_generation"
    events = ["insert", "update", "delete"] + (["truncate"] if vendor == "postgresql" else [])
    for event in events:
        if vendor == "postgresql":
            execute(f"DROP TRIGGER IF EXISTS {name}_{event} ON {table}")
        elif vendor == "sqlite":
            execute(f"DROP TRIGGER IF EXISTS {name}_{event}")
