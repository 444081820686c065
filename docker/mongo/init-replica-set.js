// Idempotent: initiates the three-member replica set once, then waits until it has a primary, so the services (which
// start after this script) find one to write to. mongo1 is preferred as primary, only so that start-up is predictable.
try {
  rs.status();
  print("replica set already initiated");
} catch (e) {
  rs.initiate({
    _id: "rs0",
    members: [
      {_id: 0, host: "mongo1:27017", priority: 2},
      {_id: 1, host: "mongo2:27017", priority: 1},
      {_id: 2, host: "mongo3:27017", priority: 1}
    ]
  });
  print("replica set initiated");
}
for (let waited = 0; !rs.status().members.some(m => m.stateStr === "PRIMARY"); waited++) {
  if (waited === 120) {
    throw new Error("no primary after 120 s");
  }
  sleep(1000);
}
print("replica set has a primary");
