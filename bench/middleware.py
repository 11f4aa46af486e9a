from django.db import connections

QUERY_HEADER = "X-Bench-Queries"


def query_count(get_response):
    """Answer with the number of database queries the page made, in a response header."""

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        connection = connections["default"]
        with connection.execute_wrapper(counter):
            response = get_response(request)
        response[QUERY_HEADER] = str(count)
        return response

    return middleware
