// The JSON values and the writer are part of the domain's API (`CloudEvent.data` is a `JSONObject`, events are
// written with a `JSONWriter`), so they come with it: a module that imports InspectionDomain uses them without
// importing FastJSON as well.
@_exported import FastJSON
