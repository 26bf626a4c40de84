"""tradeguard.cases"""
