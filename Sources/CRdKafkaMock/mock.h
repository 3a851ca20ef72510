// librdkafka's mock cluster (Debian's librdkafka-dev 2.0.2 headers), for the fault-injection tests only: the
// workers' own C module, CRdKafka, does not include it.
#ifndef INSPECTION_CRDKAFKA_MOCK_H
#define INSPECTION_CRDKAFKA_MOCK_H

#include <librdkafka/rdkafka.h>  // which rdkafka_mock.h needs first
#include <librdkafka/rdkafka_mock.h>

#endif
