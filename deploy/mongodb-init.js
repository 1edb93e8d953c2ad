// Run by the mongo image on the first start of an empty data volume
// (docker-entrypoint-initdb.d), as the root user: makes the app's user,
// which may read and write the samsyn database and nothing else.
const user = process.env.SAMSYN_MONGO_USER;
const password = process.env.SAMSYN_MONGO_PASSWORD;
if (!user || !password) {
  throw new Error("SAMSYN_MONGO_USER and SAMSYN_MONGO_PASSWORD must be set");
}
db.getSiblingDB("samsyn").createUser({
  user: user,
  pwd: password,
  roles: [{ role: "readWrite", db: "samsyn" }],
});
