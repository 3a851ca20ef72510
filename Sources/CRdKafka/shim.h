// Thin C shim over the system librdkafka (Debian's librdkafka-dev 2.0.2 headers).
// Only API present in 2.0.2 is used. Variadic and macro-based calls, which Swift
// cannot import, are wrapped here as static inline functions.
#ifndef INSPECTION_CRDKAFKA_SHIM_H
#define INSPECTION_CRDKAFKA_SHIM_H

#include <librdkafka/rdkafka.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/prctl.h>

/// Names the calling thread as the kernel shows it (`top -H`, `perf`, /proc/…/comm); cut to 15 bytes.
/// (prctl is variadic, so Swift cannot call it directly.)
static inline int ik_set_thread_name(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0UL, 0UL, 0UL);
}

/// Produces one message. On success librdkafka owns `headers`; on failure the caller still does.
/// A `timestamp_ms` of 0 or less lets librdkafka stamp the record with the current time.
static inline rd_kafka_resp_err_t ik_produce(rd_kafka_t *rk, const char *topic, int32_t partition,
                                             const void *key, size_t key_len,
                                             const void *value, size_t value_len,
                                             rd_kafka_headers_t *headers, int64_t timestamp_ms, void *opaque) {
    rd_kafka_vu_t vus[8];
    size_t n = 0;
    vus[n].vtype = RD_KAFKA_VTYPE_TOPIC; vus[n].u.cstr = topic; n++;
    vus[n].vtype = RD_KAFKA_VTYPE_PARTITION; vus[n].u.i32 = partition; n++;
    vus[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS; vus[n].u.i = RD_KAFKA_MSG_F_COPY; n++;
    if (key != NULL) {
        vus[n].vtype = RD_KAFKA_VTYPE_KEY; vus[n].u.mem.ptr = (void *)key; vus[n].u.mem.size = key_len; n++;
    }
    if (value != NULL) {
        vus[n].vtype = RD_KAFKA_VTYPE_VALUE; vus[n].u.mem.ptr = (void *)value; vus[n].u.mem.size = value_len; n++;
    }
    if (headers != NULL) {
        vus[n].vtype = RD_KAFKA_VTYPE_HEADERS; vus[n].u.headers = headers; n++;
    }
    if (timestamp_ms > 0) {
        vus[n].vtype = RD_KAFKA_VTYPE_TIMESTAMP; vus[n].u.i64 = timestamp_ms; n++;
    }
    vus[n].vtype = RD_KAFKA_VTYPE_OPAQUE; vus[n].u.ptr = opaque; n++;
    rd_kafka_error_t *error = rd_kafka_produceva(rk, vus, n);
    if (error == NULL) return RD_KAFKA_RESP_ERR_NO_ERROR;
    rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    rd_kafka_error_destroy(error);
    return code;
}

/// The partition list element at `i` (Swift cannot index the C flexible array comfortably).
static inline rd_kafka_topic_partition_t *ik_partition_at(rd_kafka_topic_partition_list_t *list, int i) {
    return &list->elems[i];
}

#endif
