#!/bin/sh
# docker-compose.yml's Kafka starts with this instead of the image's own start-up, because
# SCRAM credentials must exist before the first client connects and the image cannot add
# them: it copies server.properties, adds the listeners' JAAS settings, formats the storage
# with the SCRAM-SHA-512 user "hubsync" (kafka-storage.sh format --add-scram, on the first
# start only: a formatted data volume keeps its users) and starts the broker.
# HUBSYNC_KAFKA_PASSWORD: at least 16 characters of [A-Za-z0-9._+/=-] (openssl rand -hex 32);
# other characters would need quoting in JAAS and in the --add-scram argument.
set -eu
password="${HUBSYNC_KAFKA_PASSWORD:?set HUBSYNC_KAFKA_PASSWORD}"
case "$password" in
	*[!A-Za-z0-9._+/=-]*)
		echo "HUBSYNC_KAFKA_PASSWORD may hold only A-Z a-z 0-9 . _ + / = - (openssl rand -hex 32)" >&2
		exit 1 ;;
esac
if [ "${#password}" -lt 16 ]; then
	echo "HUBSYNC_KAFKA_PASSWORD must be at least 16 characters (openssl rand -hex 32)" >&2
	exit 1
fi
: "${CLUSTER_ID:?set CLUSTER_ID}"
config=/opt/kafka/config/hubsync-server.properties
client=/opt/kafka/config/hubsync-client.properties
umask 077
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"hubsync\" password=\"$password\";"
cp /hubsync/kafka/server.properties "$config"
{
	echo
	echo "listener.name.internal.scram-sha-512.sasl.jaas.config=$jaas"
	echo "listener.name.external.scram-sha-512.sasl.jaas.config=$jaas"
} >> "$config"
# for the health check and for people: kafka-topics.sh --command-config "$client" ...
{
	echo "security.protocol=SASL_PLAINTEXT"
	echo "sasl.mechanism=SCRAM-SHA-512"
	echo "sasl.jaas.config=$jaas"
} > "$client"
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$config" \
	--add-scram "SCRAM-SHA-512=[name=hubsync,password=$password]"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
