package cache

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/cnl-dev/cnl/landscape"
)

// The facts file of a generation (GitHubFile) holds what cnl keeps of
// full.json: only the repositories and organisations the data refers to,
// so its size follows the landscape, not the site's file.

// EncodeFacts writes the facts as a generation keeps them: compact JSON. HTML characters are kept
// as they are: escaping each "<" as \u003c made a file several times the
// size of what was read, past what readFacts accepts.
func EncodeFacts(f *landscape.Facts) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if b.Len() > maxFacts {
		return nil, errors.New("the facts are larger than the cache reads back")
	}
	return b.Bytes(), nil
}

// decodeFacts reads a facts file: the current layout, or the plain map of
// repositories that caches written before organisations were kept hold.
func decodeFacts(b []byte) (*landscape.Facts, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, err
	}
	if _, ok := probe["repositories"]; ok {
		var f landscape.Facts
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, err
		}
		return &f, nil
	}
	var gh landscape.GitHubData
	if err := json.Unmarshal(b, &gh); err != nil {
		return nil, err
	}
	return &landscape.Facts{Repositories: gh}, nil
}

// readFacts reads the facts file of a generation.
func readFacts(path string) (*landscape.Facts, error) {
	b, err := readCacheFile(path, maxFacts)
	if err != nil {
		return nil, err
	}
	return decodeFacts(b)
}
