//go:build dataflow

package main

// Built with -tags dataflow: the Dataflow runner and the gs:// file system.
// They are left out of the default build (and of CI's): their Google Cloud
// client libraries take minutes to compile, and Prism, Flink and Spark do
// not need them.

import (
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
)
