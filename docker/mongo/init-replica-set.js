// Idempotent: initiates the replica set once, then reports its state.
try {
  rs.status();
  print("replica set already initiated");
} catch (e) {
  rs.initiate({_id: "rs0", members: [{_id: 0, host: "mongo:27017"}]});
  print("replica set initiated");
}
