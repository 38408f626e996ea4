//! Layout of a scenario's graph for the debrief map: nodes in layers by
//! distance from the start, edges for every reply and route. Pure geometry,
//! tested natively; `ui::scenario_map` draws it.

use crate::engine::{NodeId, Outcome, Scenario};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub const LAYER_HEIGHT: f32 = 70.0;
pub const COLUMN_WIDTH: f32 = 90.0;
pub const PADDING: f32 = 30.0;

#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    pub id: NodeId,
    pub x: f32,
    pub y: f32,
    pub ending: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioMap {
    pub nodes: Vec<MapNode>,
    /// Pairs of indices into `nodes`, each connection once.
    pub edges: Vec<(usize, usize)>,
    pub width: f32,
    pub height: f32,
}

impl ScenarioMap {
    pub fn index_of(&self, id: &NodeId) -> Option<usize> {
        self.nodes.iter().position(|n| &n.id == id)
    }

    /// The map positions along a path of node ids (unknown ids are skipped).
    pub fn points_of(&self, path: &[NodeId]) -> Vec<(f32, f32)> {
        path.iter()
            .filter_map(|id| self.index_of(id))
            .map(|i| (self.nodes[i].x, self.nodes[i].y))
            .collect()
    }
}

pub fn layout(scenario: &Scenario) -> ScenarioMap {
    // Layer = shortest number of replies from the start.
    let mut layer: BTreeMap<NodeId, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([(scenario.start.clone(), 0)]);
    while let Some((id, depth)) = queue.pop_front() {
        if layer.contains_key(&id) {
            continue;
        }
        let Some(node) = scenario.node(&id) else {
            continue;
        };
        layer.insert(id, depth);
        for reply in &node.replies {
            queue.extend(reply.all_targets().map(|t| (t.clone(), depth + 1)));
        }
    }
    let layers = layer.values().max().map_or(1, |m| m + 1);
    let mut rows: Vec<Vec<&NodeId>> = vec![Vec::new(); layers];
    // File order within a layer keeps the author's ordering.
    for node in scenario.nodes() {
        if let Some(&depth) = layer.get(&node.id) {
            rows[depth].push(&node.id);
        }
    }
    let widest = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = 2.0 * PADDING + COLUMN_WIDTH * (widest - 1) as f32;
    let mut nodes = Vec::new();
    for (depth, row) in rows.iter().enumerate() {
        let offset = (width - COLUMN_WIDTH * (row.len().max(1) - 1) as f32) / 2.0;
        for (i, id) in row.iter().enumerate() {
            nodes.push(MapNode {
                id: (*id).clone(),
                x: offset + COLUMN_WIDTH * i as f32,
                y: PADDING + LAYER_HEIGHT * depth as f32,
                ending: scenario
                    .node(id)
                    .and_then(|n| n.ending.as_ref())
                    .map(|e| e.outcome),
            });
        }
    }
    let index: BTreeMap<&NodeId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (&n.id, i)).collect();
    let mut edges = BTreeSet::new();
    for node in scenario.nodes() {
        let Some(&from) = index.get(&node.id) else {
            continue;
        };
        for reply in &node.replies {
            for target in reply.all_targets() {
                if let Some(&to) = index.get(target) {
                    edges.insert((from, to));
                }
            }
        }
    }
    ScenarioMap {
        nodes,
        edges: edges.into_iter().collect(),
        width,
        height: 2.0 * PADDING + LAYER_HEIGHT * (layers - 1) as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load;

    #[test]
    fn lays_out_every_reachable_node_in_layers() {
        let sc = load(
            "valid-minimal.toml",
            include_str!("../tests/fixtures/valid-minimal.toml"),
        )
        .unwrap();
        let map = layout(&sc);
        assert_eq!(map.nodes.len(), 5);
        let y = |id: &str| map.nodes[map.index_of(&NodeId::new(id)).unwrap()].y;
        assert!(y("open") < y("middle") && y("middle") < y("happy"));
        // `blowup` is reachable straight from the start, so it sits in layer 1.
        assert_eq!(y("blowup"), y("middle"));
        assert!(map.edges.contains(&(
            map.index_of(&NodeId::new("open")).unwrap(),
            map.index_of(&NodeId::new("blowup")).unwrap()
        )));
        assert_eq!(
            map.points_of(&[
                NodeId::new("open"),
                NodeId::new("gone"),
                NodeId::new("middle")
            ])
            .len(),
            2
        );
        for n in &map.nodes {
            assert!(n.x >= 0.0 && n.x <= map.width && n.y >= 0.0 && n.y <= map.height);
        }
    }
}
