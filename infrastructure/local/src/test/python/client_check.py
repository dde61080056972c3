"""Drives a running Gleaner API through the Python client generated from its /openapi.json.

    PYTHONPATH=<generated client> python3 client_check.py http://localhost:8000

Starts a Babitalk collection, follows it with Prefer: wait=20 until it is final, reads its records,
lists tasks, counts them, and checks that a bad request comes back as the documented error.
Prints one JSON object with what it saw; exits non-zero on any surprise.
"""
import datetime
import json
import sys
import uuid

import gleaner_client
from gleaner_client.exceptions import ApiException

FINAL = {"completed", "failed", "cancelled"}


def main(base_url):
    config = gleaner_client.Configuration(host=base_url)
    with gleaner_client.ApiClient(config) as client:
        collections = gleaner_client.CollectionsApi(client)
        records = gleaner_client.RecordsApi(client)

        started = collections.start_collection(
            gleaner_client.Platform.BABITALK,
            start_collection_request=gleaner_client.StartCollectionRequest(
                target_date=datetime.date(2025, 1, 1), categories=["reviews"], limit=15))
        task_id = str(started.task_id)

        waits = 0
        task = collections.get_collection_task(started.task_id)
        while task.status.value not in FINAL:
            task = collections.get_collection_task(started.task_id, prefer="wait=20")
            waits += 1
            if waits > 30:
                raise SystemExit("the task did not finish after 30 waits")

        page = records.list_task_items(started.task_id, limit=200)
        listed = collections.list_collection_tasks(status=gleaner_client.TaskStatus.COMPLETED, limit=10)
        summary = collections.get_status_summary()

        # What only the server can refuse comes back as the documented error shape.
        future = datetime.date.today() + datetime.timedelta(days=30)
        try:
            collections.start_collection(gleaner_client.Platform.BABITALK,
                                         start_collection_request=gleaner_client.StartCollectionRequest(target_date=future))
            raise SystemExit("a start in the future was accepted")
        except ApiException as e:
            bad_status, bad_field = e.status, json.loads(e.body)["field"]
        try:
            collections.get_collection_task(uuid.uuid4())
            raise SystemExit("an unknown task was found")
        except ApiException as e:
            missing_status = e.status

        print(json.dumps({
            "task_id": task_id,
            "status": task.status.value,
            "progress": task.progress,
            "total": task.total,
            "items": len(page.items),
            "first_item_platform": page.items[0].platform.value if page.items else None,
            "listed": any(str(t.id) == task_id for t in listed.tasks),
            "completed_count": summary.completed,
            "bad_request_status": bad_status,
            "bad_request_field": bad_field,
            "missing_status": missing_status,
        }))


if __name__ == "__main__":
    main(sys.argv[1])
